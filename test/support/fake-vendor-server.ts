import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The loopback HTTP server under the fake vendors of the pull tests (zendesk-server.ts,
 * chatwoot-server.ts): it records every request, refuses unauthenticated ones, answers 429 with
 * Retry-After on request, and can hold one request unanswered (so a pull can be killed there).
 * The vendor's own routes answer the rest.
 */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  status: number;
  /** When it arrived (Date.now()). */
  at: number;
}

export interface FakeVendor {
  url: string;
  requests: SeenRequest[];
  /** The next request matching `match` is answered 429 with `Retry-After: {seconds}`. */
  rateLimitOnce(match: (url: URL) => boolean, seconds: number): void;
  /** The next request matching `match` is never answered (until released); resolves when it arrives. */
  hold(match: (url: URL) => boolean): Promise<void>;
  release(): void;
  close(): Promise<void>;
}

export type Answer = (status: number, body: unknown, headers?: Record<string, string>) => void;

export interface VendorRoutes {
  /** Whether the request carries the vendor's credentials. */
  authorized: (req: http.IncomingMessage) => boolean;
  /** The vendor's bodies of a 401 and a 429. */
  unauthorizedBody: unknown;
  rateLimitedBody: unknown;
  /** Answers one authorized request; `base` is the server's own origin (for next-page links). */
  route: (url: URL, answer: Answer, base: string) => void;
}

export async function fakeVendorServer(routes: VendorRoutes): Promise<FakeVendor> {
  const requests: SeenRequest[] = [];
  const limits: { match: (url: URL) => boolean; seconds: number }[] = [];
  let held: { match: (url: URL) => boolean; arrived: () => void } | null = null;
  const holding: http.ServerResponse[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://vendor.test");
    const seen: SeenRequest = { path: url.pathname, query: url.searchParams, status: 200, at: Date.now() };
    requests.push(seen);
    const answer: Answer = (status, body, headers = {}) => {
      seen.status = status;
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(body));
    };
    if (!routes.authorized(req)) return answer(401, routes.unauthorizedBody);
    if (held?.match(url)) {
      const h = held;
      held = null;
      holding.push(res);
      seen.status = 0;
      h.arrived();
      return;
    }
    const limit = limits.findIndex((l) => l.match(url));
    if (limit >= 0) {
      const [l] = limits.splice(limit, 1);
      return answer(429, routes.rateLimitedBody, { "retry-after": String(l?.seconds ?? 1) });
    }
    routes.route(url, answer, `http://${req.headers.host}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    rateLimitOnce: (match, seconds) => limits.push({ match, seconds }),
    hold: (match) =>
      new Promise<void>((arrived) => {
        held = { match, arrived };
      }),
    release: () => {
      held = null;
      for (const res of holding.splice(0)) res.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of holding.splice(0)) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
