import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Store } from "../../src/store/index.ts";
import type { DispatchDeps } from "../../src/workflows/notification-dispatcher.ts";

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A local HTTP receiver on loopback for outgoing webhooks: each path answers with its list of
 * statuses in turn (the last one repeats; 404 for a path not in the script), and keeps every
 * request it got.
 */
export async function startReceiver(script: Record<string, number[]>) {
  const received = new Map<string, Received[]>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const list = received.get(path) ?? [];
      list.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      received.set(path, list);
      const statuses = script[path] ?? [404];
      res.statusCode = statuses[Math.min(list.length - 1, statuses.length - 1)] ?? 404;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received: (path: string) => received.get(path) ?? [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The dispatcher's dependencies for webhook-only tests: links to https://cx.example.org, no e-mail, no jitter. */
export function webhookOnlyDeps(store: Store, timeZone: string): DispatchDeps {
  return {
    store,
    settings: {
      publicUrl: "https://cx.example.org",
      smtpUrl: undefined,
      mailFrom: undefined,
      mailLanguage: "fi",
      timeZone,
    },
    random: () => 0.5,
  };
}
