import { setTimeout as sleep } from "node:timers/promises";
import type { IntegrationErrorCode } from "./integration-errors.ts";

/**
 * A vendor's REST API as the pulls read it (Zendesk, Chatwoot): JSON answers, the vendor's auth
 * headers, paced requests and rate limits kept. Paced requests are spaced 5% over
 * 60 s / requests_per_minute apart (with exact spacing the fake Zendesk saw two arrive 5.97 s
 * apart: network jitter, and vendors count arrivals); any answer 429 (or 503) with Retry-After is
 * waited out for as long as it says, then the same request is made again.
 */
export interface VendorClientOptions {
  /** The vendor's name for messages ("Zendesk"). */
  vendor: string;
  /** The API's origin, e.g. https://acme.zendesk.com. */
  baseUrl: string;
  /** Sent with every request (auth). */
  headers: Record<string, string>;
  /** Pace of paced requests. */
  requestsPerMinute: number;
  /** What to check when the vendor answers 401 / 403 (names the settings and secret). */
  authHint: string;
  /** Progress lines (never customer text). */
  log: (line: string) => void;
}

/** Waits on 429 / 503 before giving up on one request. */
const MAX_RATE_LIMIT_WAITS = 20;
/** Retry-After longer than this is not waited in one go (the pull can be run again later). */
const MAX_WAIT_SECONDS = 15 * 60;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The vendor could not be read (unreachable, refused, or still rate-limited): the message says which
 * in English, the code and parameters (integration-errors.ts) for the admin page's language.
 */
export class VendorApiError extends Error {
  override name = "VendorApiError";

  constructor(
    message: string,
    readonly code: IntegrationErrorCode,
    readonly params: Record<string, string | number>,
  ) {
    super(message);
  }
}

export class VendorApiClient {
  private lastPacedAt = Number.NEGATIVE_INFINITY;
  /** Requests made and rate-limit answers waited out, for the pull's summary. */
  readonly counts = { requests: 0, rateLimited: 0, waitedSeconds: 0 };

  constructor(private readonly options: VendorClientOptions) {}

  /**
   * GET `path` (with its query) and the parsed JSON; `paced` requests keep requests_per_minute.
   * With `missing: "null"` a 404 answers null (a record deleted at the vendor) instead of failing.
   */
  async get(path: string, paced = false, missing: "throw" | "null" = "throw"): Promise<unknown> {
    const { vendor } = this.options;
    const url = new URL(path, this.options.baseUrl);
    for (let attempt = 0; ; attempt++) {
      if (paced) await this.pace();
      this.counts.requests++;
      const res = await fetch(url, {
        headers: { ...this.options.headers, accept: "application/json" },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }).catch((error: unknown) => {
        throw new VendorApiError(
          `${vendor} did not answer GET ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`,
          "pull.vendor_unreachable",
          { vendor, path: url.pathname },
        );
      });
      if (res.status === 429 || res.status === 503) {
        const wait = retryAfterSeconds(res.headers.get("retry-after"));
        await res.body?.cancel();
        if (attempt >= MAX_RATE_LIMIT_WAITS || wait > MAX_WAIT_SECONDS) {
          throw new VendorApiError(
            `${vendor} kept answering ${res.status} for GET ${url.pathname} (Retry-After ${wait} s); run the pull again later`,
            "pull.vendor_rate_limited",
            { vendor, status: res.status, path: url.pathname, retry_after: wait },
          );
        }
        this.counts.rateLimited++;
        this.counts.waitedSeconds += wait;
        this.options.log(
          `${vendor} answered ${res.status} for ${url.pathname}: waiting ${wait} s (Retry-After)`,
        );
        await sleep(wait * 1000);
        continue;
      }
      if (res.status === 404 && missing === "null") {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok) {
        await res.body?.cancel();
        const auth = res.status === 401 || res.status === 403;
        const hint = auth ? ` (${this.options.authHint})` : "";
        throw new VendorApiError(
          `${vendor} answered ${res.status} for GET ${url.pathname}${hint}`,
          auth ? "pull.vendor_auth" : "pull.vendor_status",
          { vendor, status: res.status, path: url.pathname },
        );
      }
      try {
        return await res.json();
      } catch {
        throw new VendorApiError(
          `${vendor}'s answer to GET ${url.pathname} is not JSON`,
          "pull.vendor_not_json",
          {
            vendor,
            path: url.pathname,
          },
        );
      }
    }
  }

  private async pace(): Promise<void> {
    const gap = (60_000 / this.options.requestsPerMinute) * 1.05;
    const wait = this.lastPacedAt + gap - Date.now();
    if (wait > 0) await sleep(wait);
    this.lastPacedAt = Date.now();
  }
}

/** Retry-After as seconds: a number of seconds or an HTTP date; 60 when missing or unreadable. */
export function retryAfterSeconds(value: string | null, nowMs = Date.now()): number {
  if (value && /^\d+$/.test(value.trim())) return Number(value.trim());
  const at = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? 60 : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
