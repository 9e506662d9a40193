import type { Server } from "node:http";
import { serve } from "@hono/node-server";

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than the idle
 * timeout of the reverse proxies and load balancers this runs behind (60 s is common: nginx upstream
 * keep-alive, cloud load balancers), so a proxy could send a request on a connection Node had just
 * closed and answer its user with a 502. The server must be the side that waits longer.
 */
export const KEEP_ALIVE_MS = 65_000;

/** The HTTP server of `kohtaamo start`: `fetch` served on `port` and `hostname`. */
export function serveHttp(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
  onListening: (port: number) => void,
): Server {
  const server = serve({ fetch, port, hostname }, (info) => onListening(info.port)) as Server;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node closes a connection whose next request's headers are not complete within headersTimeout;
  // kept above the keep-alive timeout so an idle connection is never cut by that instead.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}
