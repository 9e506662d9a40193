import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newWebhookSecret } from "../../src/store/webhook-repository.ts";
import { sendWebhook } from "../../src/workflows/webhook-sender.ts";

/** What one attempt comes to, against a real local receiver: each answer maps to done, gone or retry. */
describe("sending one webhook", () => {
  let server: http.Server;
  let base = "";
  const hits: string[] = [];
  const hanging: http.ServerResponse[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? "");
      req.resume();
      req.on("end", () => {
        if (req.url === "/hang") {
          hanging.push(res);
          return;
        }
        if (req.url === "/redirect") {
          res.writeHead(302, { location: "/elsewhere" }).end();
          return;
        }
        res.writeHead(Number(req.url?.slice(1)) || 200).end("body that is never kept");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const secret = newWebhookSecret();
  const message = { id: "msg_test", body: JSON.stringify({ type: "case.opened", data: { case_id: "c1" } }) };

  it("a 2xx is delivered, and the request verifies", async () => {
    let seen: http.IncomingHttpHeaders = {};
    let body = "";
    const verifying = http.createServer((req, res) => {
      seen = req.headers;
      req.setEncoding("utf8");
      req.on("data", (c) => (body += c));
      req.on("end", () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => verifying.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(verifying.address() as AddressInfo).port}/`;
    const outcome = await sendWebhook({ url, secret }, message);
    await new Promise<void>((resolve) => verifying.close(() => resolve()));
    expect(outcome).toMatchObject({ result: "delivered", statusCode: 204, error: null });
    expect(body).toBe(message.body);
    expect(seen["webhook-id"]).toBe("msg_test");
    expect(() => new Webhook(secret).verify(body, seen as Record<string, string>)).not.toThrow();
  });

  it("a 410 is gone; 4xx and 5xx are retried", async () => {
    expect(await sendWebhook({ url: `${base}/410`, secret }, message)).toMatchObject({
      result: "gone",
      statusCode: 410,
    });
    for (const status of [400, 429, 500, 503]) {
      expect(await sendWebhook({ url: `${base}/${status}`, secret }, message)).toMatchObject({
        result: "retry",
        statusCode: status,
        error: `HTTP ${status}`,
      });
    }
  });

  it("a redirect is not followed but retried", async () => {
    const outcome = await sendWebhook({ url: `${base}/redirect`, secret }, message);
    expect(outcome).toMatchObject({ result: "retry", statusCode: 302, error: "redirect 302 not followed" });
    expect(hits).not.toContain("/elsewhere");
  });

  it("no answer in time, or no one listening, is retried", async () => {
    const slow = await sendWebhook({ url: `${base}/hang`, secret }, message, { timeoutMs: 200 });
    expect(slow).toMatchObject({ result: "retry", statusCode: null, error: "no answer within 0.2 s" });
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await sendWebhook({ url: `http://127.0.0.1:${port}/`, secret }, message);
    expect(refused.result).toBe("retry");
    expect(refused.error).toMatch(/^ECONNREFUSED/);
  });
});
