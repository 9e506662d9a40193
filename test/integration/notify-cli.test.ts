import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookRepository } from "../../src/store/webhook-repository.ts";
import { signedIn } from "../support/auth.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";
import { daysAgo } from "../support/synthetic-records.ts";

/**
 * `kohtaamo notify` through the real CLI: an answer imported by `kohtaamo import` reaches a webhook
 * and the team manager's mailbox when `notify` runs, configured only by environment variables.
 */
for (const dialect of DIALECTS) {
  describe(`kohtaamo notify on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let receiver: http.Server;
    let smtp: SMTPServer;
    const bodies: string[] = [];
    const mails: string[][] = [];
    let env: Record<string, string>;
    let managerEmail = "";

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      receiver = http.createServer((req, res) => {
        let body = "";
        req.setEncoding("utf8");
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          bodies.push(body);
          res.end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        onData(stream, session, callback) {
          stream.resume();
          stream.on("end", () => {
            mails.push(session.envelope.rcptTo.map((r) => r.address));
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
      env = {
        ...cli.env,
        KOHTAAMO_PUBLIC_URL: "https://cx.example.org",
        KOHTAAMO_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        KOHTAAMO_MAIL_FROM: "kohtaamo@example.org",
      };
      expect((await runCli(["migrate"], env)).code).toBe(0);
      const store = storeFor(env);
      try {
        managerEmail = (await signedIn(store, "manager", { teams: ["Tiimi X"] })).email;
        const port = (receiver.address() as AddressInfo).port;
        await new WebhookRepository(store.db).create(
          { url: `http://127.0.0.1:${port}/hook`, events: ["case.opened"], enabled: true, description: null },
          "test",
          new Date().toISOString(),
        );
      } finally {
        await store.close();
      }
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => receiver?.close(() => resolve()));
      await new Promise<void>((resolve) => smtp?.close(() => resolve()));
      await cli?.dispose();
    });

    it("delivers the case a detractor's imported answer opened, once", async () => {
      const file = path.join(cli.dataDir, "answers.csv");
      // Two days old: recent enough for the rule to open a case (maxAgeDays).
      const at = (hours: number) => new Date(daysAgo(2) + hours * 3_600_000).toISOString();
      fs.writeFileSync(
        file,
        "id,answered_at,kind,score,comment,team,customer_id\n" +
          `a1,${at(0)},nps,2,Huonoa palvelua.,Tiimi X,c1\n` +
          `a2,${at(1)},nps,9,Hyvä.,Tiimi X,c2\n`,
      );
      expect((await runCli(["import", file, "--kind", "responses"], env)).code).toBe(0);
      const first = await runCli(["notify", "--once"], env);
      expect(first.code, first.stderr).toBe(0);
      expect(lastJsonLine(first.stdout)).toMatchObject({ events: 1, attempted: 2, delivered: 2 });
      expect(bodies).toHaveLength(1);
      expect(JSON.parse(bodies[0] ?? "{}")).toMatchObject({
        type: "case.opened",
        data: { team: "Tiimi X", rule: "nps_detractor", source: { kind: "response", id: "a1" } },
      });
      expect(mails).toEqual([[managerEmail]]);
      const again = await runCli(["notify"], env);
      expect(lastJsonLine(again.stdout)).toMatchObject({ events: 0, attempted: 0 });
      expect(bodies).toHaveLength(1);
    });

    it("says e-mail is off when SMTP is not configured", async () => {
      const off = await runCli(["notify", "--once"], cli.env);
      expect(off.code).toBe(0);
      expect(off.stderr).toContain("e-mail is off: KOHTAAMO_SMTP_URL is not set");
    });
  });
}
