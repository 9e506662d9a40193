import { setTimeout as sleep } from "node:timers/promises";

/**
 * Zendesk's REST API as the pull reads it: basic auth `{email}/token:{api_token}`, JSON answers,
 * and Zendesk's rate limits kept. The incremental exports allow 10 requests a minute, so those
 * requests are spaced 5% over 60 s / requests_per_minute apart; any answer 429 (or 503) with Retry-After
 * is waited out for as long as it says, then the same request is made again. Measured against the
 * fake Zendesk of the tests with the default of 10: 6 export pages arrived 6.30–6.32 s apart.
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

/** Waits on 429 / 503 before giving up on one request. */
const MAX_RATE_LIMIT_WAITS = 20;
/** Retry-After longer than this is not waited in one go (the pull can be run again later). */
const MAX_WAIT_SECONDS = 15 * 60;
const REQUEST_TIMEOUT_MS = 60_000;

/** Zendesk could not be read (unreachable, refused, or still rate-limited); the message says which. */
export class ZendeskApiError extends Error {
  override name = "ZendeskApiError";
}

export class ZendeskClient {
  private lastIncrementalAt = Number.NEGATIVE_INFINITY;
  /** Requests made and rate-limit answers waited out, for the pull's summary. */
  readonly counts = { requests: 0, rateLimited: 0, waitedSeconds: 0 };

  constructor(private readonly options: ZendeskClientOptions) {}

  /** GET `path` (with its query) and the parsed JSON; `incremental` requests are paced. */
  async get(path: string, incremental = false): Promise<unknown> {
    const url = new URL(path, this.options.baseUrl);
    const auth = Buffer.from(`${this.options.email}/token:${this.options.apiToken}`).toString("base64");
    for (let attempt = 0; ; attempt++) {
      if (incremental) await this.pace();
      this.counts.requests++;
      const res = await fetch(url, {
        headers: { authorization: `Basic ${auth}`, accept: "application/json" },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }).catch((error: unknown) => {
        throw new ZendeskApiError(
          `Zendesk did not answer GET ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      if (res.status === 429 || res.status === 503) {
        const wait = retryAfterSeconds(res.headers.get("retry-after"));
        await res.body?.cancel();
        if (attempt >= MAX_RATE_LIMIT_WAITS || wait > MAX_WAIT_SECONDS) {
          throw new ZendeskApiError(
            `Zendesk kept answering ${res.status} for GET ${url.pathname} (Retry-After ${wait} s); run the pull again later`,
          );
        }
        this.counts.rateLimited++;
        this.counts.waitedSeconds += wait;
        this.options.log(
          `Zendesk answered ${res.status} for ${url.pathname}: waiting ${wait} s (Retry-After)`,
        );
        await sleep(wait * 1000);
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        const hint =
          res.status === 401 || res.status === 403 ? " (check settings.email and the api_token)" : "";
        throw new ZendeskApiError(`Zendesk answered ${res.status} for GET ${url.pathname}${hint}`);
      }
      try {
        return await res.json();
      } catch {
        throw new ZendeskApiError(`Zendesk's answer to GET ${url.pathname} is not JSON`);
      }
    }
  }

  private async pace(): Promise<void> {
    // 5% over the exact spacing: requests arrive with network jitter, and Zendesk counts arrivals.
    const gap = (60_000 / this.options.requestsPerMinute) * 1.05;
    const wait = this.lastIncrementalAt + gap - Date.now();
    if (wait > 0) await sleep(wait);
    this.lastIncrementalAt = Date.now();
  }
}

/** Retry-After as seconds: a number of seconds or an HTTP date; 60 when missing or unreadable. */
export function retryAfterSeconds(value: string | null, nowMs = Date.now()): number {
  if (value && /^\d+$/.test(value.trim())) return Number(value.trim());
  const at = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? 60 : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
