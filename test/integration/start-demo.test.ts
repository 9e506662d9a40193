import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRUTHS_FILE } from "../../scripts/write-demo-truths.ts";
import { DEMO_PASSWORD } from "../../src/auth/demo-users.ts";
import { lastJsonLine, runCli, startCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor, tempDir } from "../support/databases.ts";

/**
 * What a newcomer sees: `start` on an empty database loads the demo workspace, reports healthy
 * once it is loaded, and the CLI's NPS report covers the demo's answers.
 */
for (const dialect of DIALECTS) {
  describe(`start with an empty ${dialect} database`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let server: ChildProcess;
    let base = "";
    let stderr = "";
    // The server's temporary folder (TMPDIR), where its copies of uploaded files go.
    const tmp = tempDir("kohtaamo-start-tmp-");

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      server = startCli(["start", "--port", "0"], { ...cli.env, TMPDIR: tmp });
      server.stderr?.on("data", (d) => (stderr += d));
      for (let i = 0; i < 600 && !base; i++) {
        const m = /listening on (http:\/\/[^\s]+)/.exec(stderr);
        if (m?.[1]) base = m[1];
        else await sleep(100);
      }
      if (!base) throw new Error(`server did not start: ${stderr}`);
    }, 90_000);

    afterAll(async () => {
      await stop();
      await cli.dispose();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    /** SIGTERM, and the server's exit (at once if it has already exited). */
    async function stop() {
      if (server?.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }

    it("becomes healthy with the demo loaded, and report nps --json has n > 100", async () => {
      let status = 0;
      for (let i = 0; i < 1200 && status !== 200; i++) {
        status = (await fetch(`${base}/health`)).status;
        if (status !== 200) await sleep(100);
      }
      expect(status, stderr).toBe(200);
      const report = await runCli(["report", "nps", "--json"], cli.env);
      expect(report.code, report.stderr).toBe(0);
      const nps = lastJsonLine<{ value: number; low: number; high: number; n: number }>(report.stdout);
      expect(nps.n).toBeGreaterThan(100);
      expect(nps.low).toBeLessThan(nps.value);

      // Every API route but login is protected; the documented demo accounts sign in.
      expect((await fetch(`${base}/api/v1/encounters?limit=5`)).status).toBe(401);
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "analyst@demo.example.org", password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] as string;
      expect(login.headers.get("set-cookie")).toMatch(/HttpOnly/i);
      const signedIn = { headers: { cookie } };
      const page = (await (await fetch(`${base}/api/v1/encounters?limit=5`, signedIn)).json()) as {
        items: unknown[];
      };
      expect(page.items).toHaveLength(5);
      const store = storeFor(cli.env);
      try {
        // The loaded workspace is the one whose answer key is docs/demo-truths.json.
        const { counts } = JSON.parse(fs.readFileSync(TRUTHS_FILE, "utf8")) as {
          counts: Record<string, number>;
        };
        expect(await store.encounters.count()).toBe(counts.encounters);
        expect(await store.responses.count()).toBe(counts.responses);
        expect(await store.invitations.count()).toBe(counts.invitations);
        expect(await store.pulse.count()).toBe(counts.pulse);
        expect(nps.n).toBe(counts.npsResponses);

        // CSAT and CES cover the other answers, eNPS every pulse answer; each estimate brackets its value.
        const metric = async (name: string, by?: string) => {
          const r = await runCli(["report", name, "--json", ...(by ? ["--by", by] : [])], cli.env);
          expect(r.code, r.stderr).toBe(0);
          return lastJsonLine<{
            value: number;
            low: number;
            high: number;
            n: number;
            groups: { group: string; n: number }[];
          }>(r.stdout);
        };
        const [csat, ces, enps] = [await metric("csat"), await metric("ces"), await metric("enps", "team")];
        expect(csat.n + ces.n).toBe((counts.responses ?? 0) - (counts.npsResponses ?? 0));
        expect(enps.n).toBe(counts.pulse);
        for (const e of [csat, ces, enps]) {
          expect(e.low).toBeLessThanOrEqual(e.value);
          expect(e.high).toBeGreaterThanOrEqual(e.value);
        }
        expect(enps.groups.reduce((s, g) => s + g.n, 0)).toBe(counts.pulse);
        expect((await runCli(["report", "enps", "--by", "channel", "--json"], cli.env)).code).not.toBe(0);

        // The planted truth: chat answers surveys clearly less often than every other channel.
        const rates = await fetch(`${base}/api/v1/reports/response-rate?by=channel`, signedIn);
        expect(rates.status).toBe(200);
        const { groups } = (await rates.json()) as { groups: { group: string; low: number; high: number }[] };
        const chat = groups.find((g) => g.group === "chat");
        const others = groups.filter((g) => g.group !== "chat");
        expect(chat).toBeDefined();
        for (const g of others) expect(chat?.high ?? 100).toBeLessThan(g.low);
      } finally {
        await store.close();
      }
    }, 180_000);

    it("deletes its copies of uploaded files from this machine's disk when it stops", async () => {
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@demo.example.org", password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const session = {
        cookie: (login.headers.get("set-cookie") ?? "").split(";")[0] as string,
        "x-csrf-token": csrfToken,
      };
      const upload = await fetch(`${base}/api/v1/imports/uploads?name=vastaukset.csv`, {
        method: "POST",
        headers: { ...session, "content-type": "application/octet-stream" },
        body: "id;answered_at;score;comment\nr-1;2.3.2026 10:00;9;Nopea ja ystävällinen palvelu\n",
      });
      expect(upload.status).toBe(201);
      const { id } = (await upload.json()) as { id: string };
      const preview = await fetch(`${base}/api/v1/imports/uploads/${id}/preview`, {
        method: "POST",
        headers: { ...session, "content-type": "application/json" },
        body: JSON.stringify({ kind: "responses" }),
      });
      expect(preview.status).toBe(200);
      // The preview read the file from a copy on this machine's disk; stopping the server deletes it.
      const copies = () => fs.readdirSync(tmp).filter((name) => name.startsWith("kohtaamo-import-"));
      expect(copies().length).toBeGreaterThan(0);
      await stop();
      expect(server.exitCode).toBe(0);
      expect(copies()).toEqual([]);
    }, 60_000);
  });
}
