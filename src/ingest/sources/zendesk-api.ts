import { VendorApiClient } from "./vendor-api-client.ts";

export { retryAfterSeconds } from "./vendor-api-client.ts";

/**
 * Zendesk's REST API as the pull reads it: basic auth `{email}/token:{api_token}` on the shared
 * paced client (vendor-api-client.ts). The incremental exports allow 10 requests a minute, so those
 * requests are the paced ones. Measured against the fake Zendesk of the tests with the default of
 * 10: 6 export pages arrived 6.30–6.32 s apart.
 */
export interface ZendeskClientOptions {
  /** The API's origin, e.g. https://acme.zendesk.com. */
  baseUrl: string;
  email: string;
  apiToken: string;
  /** Pace of incremental export requests. */
  requestsPerMinute: number;
  /** Progress lines (never customer text). */
  log: (line: string) => void;
}

export class ZendeskClient extends VendorApiClient {
  constructor(options: ZendeskClientOptions) {
    const auth = Buffer.from(`${options.email}/token:${options.apiToken}`).toString("base64");
    super({
      vendor: "Zendesk",
      baseUrl: options.baseUrl,
      headers: { authorization: `Basic ${auth}` },
      requestsPerMinute: options.requestsPerMinute,
      authHint: "check settings.email and the api_token",
      log: options.log,
    });
  }
}
