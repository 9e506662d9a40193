import { createHmac, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { defaultCaseRules, withoutCaseAgeLimit } from "../../src/domain/case-rules.ts";
import type { RecordOfKind } from "../../src/domain/index.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { startReanalysis } from "../../src/ingest/reanalyzer.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { smtpMailer } from "../../src/workflows/mail-sender.ts";
import { type DispatchDeps, deliverDueNotifications } from "../../src/workflows/notification-dispatcher.ts";
import type { NotificationSettings } from "../../src/workflows/notification-settings.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { type Received, startReceiver } from "../support/webhook-receiver.ts";

const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });
const TEAM = "Asiakaspalvelu Tampere";
const COMMENT = "Odotin jonossa tunnin eikä kukaan auttanut.";

function answer(id: string, score: number, comment: string): RecordOfKind["responses"] {
  return {
    id,
    kind: "nps",
    score,
    comment,
    answeredAt: "2026-03-02T10:00:00.000Z",
    team: TEAM,
    customerId: `customer-${id}`,
  } as RecordOfKind["responses"];
}

/** A local SMTP sink: keeps each message's envelope recipients and raw source. */
async function startSmtpSink() {
  const messages: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The Subject header of a raw message, RFC 2047 encoded words decoded (B and Q). */
function subjectOf(raw: string): string {
  const header = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const line = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(header)?.[1] ?? "";
  return line
    .replace(/\r?\n[ \t]/g, " ")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

/** The plain-text body, quoted-printable decoded. */
function bodyOf(raw: string): string {
  const body = raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join("\n\n");
  return Buffer.from(
    body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}

/** Standard Webhooks' signature, computed here from the spec with node:crypto (independent of the sender's library). */
function verifiesBySpec(secret: string, delivery: Received): boolean {
  const id = String(delivery.headers["webhook-id"]);
  const timestamp = String(delivery.headers["webhook-timestamp"]);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${delivery.body}`).digest();
  return String(delivery.headers["webhook-signature"])
    .split(" ")
    .some((entry) => {
      const [version, signature] = entry.split(",");
      const given = Buffer.from(signature ?? "", "base64");
      return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

const hoursAfter = (iso: string, hours: number) =>
  new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

type Headers = Record<string, string>;
type ErrorBody = { error: { code: string; message: string; details?: { problems?: { field: string }[] } } };

for (const dialect of DIALECTS) {
  describe(`notifications on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
    let deps: DispatchDeps;
    let settings: NotificationSettings;
    let admin: Headers;
    let manager: { email: string; headers: Headers };
    const secrets = new Map<string, string>();
    const ids = new Map<string, string>();
    let t0 = "";

    const call = (method: string, path: string, headers: Headers, body?: unknown) =>
      app.request(`/api/v1${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const deliveriesOf = async (name: string) =>
      (
        (await (await call("GET", `/webhooks/${ids.get(name)}/deliveries`, admin)).json()) as {
          items: {
            event_id: string;
            event_type: string;
            status: string;
            attempts: number;
            log: {
              attempt: number;
              status_code: number | null;
              error: string | null;
              next_attempt_at: string | null;
            }[];
          }[];
        }
      ).items;

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      // The messages quote the case's due date of a fixed answer time (March 2026): the default rules
      // without their age limit, so the answer still opens its case (case-age.test.ts is about the limit).
      store = store.withCaseRules(withoutCaseAgeLimit(defaultCaseRules()));
      receiver = await startReceiver({ "/ok": [200], "/flaky": [500, 503, 200], "/gone": [410] });
      smtp = await startSmtpSink();
      settings = {
        publicUrl: "https://cx.example.org",
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
        mailFrom: "Kohtaamo <kohtaamo@example.org>",
        mailLanguage: "fi",
        timeZone: "Europe/Helsinki",
      };
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline, notifications: settings });
      deps = {
        store,
        settings,
        mailer: smtpMailer(settings.smtpUrl as string, settings.mailFrom as string),
        random: () => 0.5,
      };
      admin = (await signedIn(store, "admin")).headers;
      // The team's manager owns its new cases, and reads e-mail in English.
      manager = await signedIn(store, "manager", { teams: [TEAM] });
      const pref = await call("PUT", "/notifications/preferences", manager.headers, { language: "en" });
      expect(pref.status).toBe(200);
    });
    afterAll(async () => {
      deps?.mailer?.close();
      await receiver?.close();
      await smtp?.close();
      await dispose?.();
    });

    it("refuses a non-http(s) URL and an unknown event type with a 400 naming the field", async () => {
      const ftp = await call("POST", "/webhooks", admin, {
        url: "ftp://hooks.example.org/x",
        events: ["case.opened"],
      });
      expect(ftp.status).toBe(400);
      const ftpBody = (await ftp.json()) as ErrorBody;
      expect(ftpBody.error.message).toContain("url: must be an http:// or https:// URL");
      const unknown = await call("POST", "/webhooks", admin, {
        url: receiver.url("/ok"),
        events: ["case.exploded"],
      });
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as ErrorBody).error.message).toContain(
        "unknown event type; known: case.opened, case.updated",
      );
      const none = await call("POST", "/webhooks", admin, { url: receiver.url("/ok"), events: [] });
      expect(none.status).toBe(400);
    });

    it("lets only admins manage webhooks and read the notification status", async () => {
      for (const role of ["analyst", "manager", "agent", "viewer"] as const) {
        const who = role === "manager" ? manager.headers : (await signedIn(store, role)).headers;
        const body = { url: receiver.url("/ok"), events: ["case.opened"] };
        expect((await call("POST", "/webhooks", who, body)).status, role).toBe(403);
        expect((await call("GET", "/webhooks", who)).status, role).toBe(403);
        expect((await call("GET", "/notifications", who)).status, role).toBe(403);
      }
      expect((await call("GET", "/webhooks", {})).status).toBe(401);
    });

    it("creates webhooks with a whsec_ secret shown once, never by GET, and audits each change", async () => {
      for (const [name, events] of [
        ["ok", ["case.opened", "case.updated"]],
        ["flaky", ["case.opened"]],
        ["gone", ["case.opened"]],
      ] as const) {
        const res = await call("POST", "/webhooks", admin, {
          url: receiver.url(`/${name}`),
          events,
          description: `receiver ${name}`,
        });
        expect(res.status).toBe(201);
        const created = (await res.json()) as { id: string; secret: string; enabled: boolean };
        expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
        expect(created.enabled).toBe(true);
        secrets.set(name, created.secret);
        ids.set(name, created.id);
      }
      const listText = await (await call("GET", "/webhooks", admin)).text();
      const oneText = await (await call("GET", `/webhooks/${ids.get("ok")}`, admin)).text();
      for (const text of [listText, oneText]) {
        expect(text).not.toContain("whsec_");
        expect(text).not.toContain('"secret"');
      }
      const audit = await store.access.auditEntries({ limit: 50, action: "webhook.create" });
      expect(audit).toHaveLength(3);
      expect(JSON.stringify(audit)).not.toContain("whsec_");
    });

    it("a detractor's answer sends one webhook, signed so that an independent verifier accepts it", async () => {
      await writeThroughPipeline(store, pipeline, "responses", [
        answer("r-detractor", 3, COMMENT),
        answer("r-promoter", 10, "Kiitos, hyvää palvelua!"),
      ]);
      t0 = new Date().toISOString();
      const summary = await deliverDueNotifications(deps, { now: t0 });
      expect(summary).toMatchObject({ events: 1, attempted: 4, delivered: 2, retrying: 1, failed: 1 });

      const [delivery, ...more] = receiver.received("/ok");
      expect(more).toHaveLength(0);
      if (!delivery) throw new Error("the receiver got nothing");
      const secret = secrets.get("ok") as string;
      expect(verifiesBySpec(secret, delivery)).toBe(true);
      expect(() =>
        new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>),
      ).not.toThrow();
      // A tampered body does not verify.
      expect(verifiesBySpec(secret, { ...delivery, body: delivery.body.replace("3", "4") })).toBe(false);

      const theCase = await store.db.selectFrom("cases").selectAll().executeTakeFirstOrThrow();
      const event = await store.db.selectFrom("outbox_events").selectAll().executeTakeFirstOrThrow();
      expect(delivery.headers["webhook-id"]).toBe(`msg_${event.id}`);
      const body = JSON.parse(delivery.body) as {
        type: string;
        timestamp: string;
        data: Record<string, unknown>;
      };
      expect(body).toEqual({
        type: "case.opened",
        timestamp: event.created_at,
        data: {
          case_id: theCase.id,
          rule: "nps_detractor",
          source: { kind: "response", id: "r-detractor" },
          team: TEAM,
          owner_id: theCase.owner_id,
          status: "new",
          due_at: "2026-03-04T10:00:00.000Z",
          url: `https://cx.example.org/cases?case=${encodeURIComponent(theCase.id)}`,
        },
      });
      // No customer text or identity leaves the system, in the payload or the outbox.
      for (const text of [delivery.body, event.payload]) {
        expect(text).not.toContain("jonossa");
        expect(text).not.toContain("customer-r-detractor");
      }
    });

    it("e-mails the case's owner in their language, at the local SMTP sink", async () => {
      expect(smtp.messages).toHaveLength(1);
      const [mail] = smtp.messages;
      expect(mail?.to).toEqual([manager.email]);
      expect(subjectOf(mail?.raw ?? "")).toBe(`New follow-up case: ${TEAM} – NPS score 0–6`);
      const text = bodyOf(mail?.raw ?? "");
      expect(text).toContain("https://cx.example.org/cases?case=");
      expect(text).toContain("Contact the customer by: 4 Mar 2026, 12:00 (Europe/Helsinki)");
      expect(text).not.toContain("jonossa");
      const log = (await (await call("GET", "/notifications/email-deliveries", admin)).json()) as {
        items: { status: string; recipient: string; log: unknown[] }[];
      };
      expect(log.items).toEqual([
        expect.objectContaining({ status: "delivered", recipient: manager.email, log: [expect.anything()] }),
      ]);
    });

    it("a receiver that fails twice gets the event on the 3rd attempt, each attempt logged", async () => {
      let [flaky] = await deliveriesOf("flaky");
      expect(flaky).toMatchObject({ status: "pending", attempts: 1 });
      expect(flaky?.log[0]).toMatchObject({ attempt: 1, status_code: 500, error: "HTTP 500" });
      // The retry is 5 s later (±20%): not yet due 2 s after the first attempt.
      const early = await deliverDueNotifications(deps, {
        now: new Date(Date.parse(t0) + 2000).toISOString(),
      });
      expect(early.attempted).toBe(0);
      await deliverDueNotifications(deps, { now: hoursAfter(t0, 1) });
      await deliverDueNotifications(deps, { now: hoursAfter(t0, 2) });
      [flaky] = await deliveriesOf("flaky");
      expect(flaky?.status).toBe("delivered");
      expect(flaky?.log.map((a) => [a.attempt, a.status_code, a.error])).toEqual([
        [1, 500, "HTTP 500"],
        [2, 503, "HTTP 503"],
        [3, 200, null],
      ]);
      expect(flaky?.log[0]?.next_attempt_at).toBe(new Date(Date.parse(t0) + 5000).toISOString());
      expect(flaky?.log[2]?.next_attempt_at).toBeNull();
      const requests = receiver.received("/flaky");
      expect(requests).toHaveLength(3);
      // The same message each time: one webhook-id for receivers to dedupe by, each attempt signed.
      expect(new Set(requests.map((r) => r.headers["webhook-id"])).size).toBe(1);
      for (const r of requests) expect(verifiesBySpec(secrets.get("flaky") as string, r)).toBe(true);
    });

    it("a 410 Gone switches the endpoint off, and it gets nothing more", async () => {
      const gone = (await (await call("GET", `/webhooks/${ids.get("gone")}`, admin)).json()) as {
        enabled: boolean;
        disabled_reason: string;
      };
      expect(gone).toMatchObject({ enabled: false, disabled_reason: "the receiver answered 410 Gone" });
      const [delivery] = await deliveriesOf("gone");
      expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
      expect(delivery?.log[0]?.status_code).toBe(410);
      const audit = await store.access.auditEntries({ limit: 10, action: "webhook.disable" });
      expect(audit.map((a) => a.target)).toEqual([`webhook:${ids.get("gone")}`]);
    });

    it("re-import and re-analysis of the answer send nothing twice", async () => {
      await writeThroughPipeline(store, pipeline, "responses", [answer("r-detractor", 3, COMMENT)]);
      await writeThroughPipeline(store, pipeline, "responses", [
        answer("r-detractor", 2, `${COMMENT} Uudestaan.`),
      ]);
      const started = await startReanalysis(store, pipeline.analyzer as never, "test");
      await started?.run;
      const summary = await deliverDueNotifications(deps, { now: hoursAfter(t0, 3) });
      expect(summary).toMatchObject({ events: 0, attempted: 0 });
      expect(receiver.received("/ok")).toHaveLength(1);
      expect(smtp.messages).toHaveLength(1);
      const events = await store.db.selectFrom("outbox_events").select("type").execute();
      expect(events.map((e) => e.type)).toEqual(["case.opened"]);
    });

    it("a status change through PATCH sends case.updated to the webhooks that want it, without the outcome text", async () => {
      const theCase = await store.db.selectFrom("cases").select("id").executeTakeFirstOrThrow();
      const res = await call("PATCH", `/cases/${theCase.id}`, manager.headers, {
        status: "contacted",
        outcome: "Soitin asiakkaalle ja hyvitin laskun.",
      });
      expect(res.status).toBe(200);
      await deliverDueNotifications(deps, { now: hoursAfter(t0, 4) });
      const ok = receiver.received("/ok");
      expect(ok).toHaveLength(2);
      const updated = JSON.parse(ok[1]?.body ?? "{}") as { type: string; data: Record<string, unknown> };
      expect(updated.type).toBe("case.updated");
      expect(updated.data).toMatchObject({
        case_id: theCase.id,
        status: "contacted",
        previous_status: "new",
        changed: ["status", "outcome"],
      });
      expect(ok[1]?.body).not.toContain("hyvitin");
      expect(verifiesBySpec(secrets.get("ok") as string, ok[1] as Received)).toBe(true);
      // flaky only wants case.opened; gone is off; no e-mail for updates.
      expect(receiver.received("/flaky")).toHaveLength(3);
      expect(receiver.received("/gone")).toHaveLength(1);
      expect(smtp.messages).toHaveLength(1);
    });

    it("PATCH and DELETE of a webhook are audited; a deleted one is 404", async () => {
      const id = ids.get("flaky") as string;
      const patched = await call("PATCH", `/webhooks/${id}`, admin, {
        enabled: false,
        url: "mailto:x@example.org",
      });
      expect(patched.status).toBe(400);
      const off = await call("PATCH", `/webhooks/${id}`, admin, { enabled: false });
      expect(((await off.json()) as { enabled: boolean }).enabled).toBe(false);
      const rotated = await call("POST", `/webhooks/${id}/rotate-secret`, admin);
      expect(((await rotated.json()) as { secret: string }).secret).toMatch(/^whsec_/);
      expect((await call("DELETE", `/webhooks/${id}`, admin)).status).toBe(204);
      expect((await call("GET", `/webhooks/${id}`, admin)).status).toBe(404);
      const actions = (await store.access.auditEntries({ limit: 50 }))
        .filter((a) => a.target === `webhook:${id}`)
        .map((a) => a.action);
      expect(actions).toEqual([
        "webhook.delete",
        "webhook.rotate_secret",
        "webhook.update",
        "webhook.create",
      ]);
    });

    it("says when e-mail is off, and then makes no e-mail deliveries", async () => {
      const on = (await (await call("GET", "/notifications", admin)).json()) as {
        email: { enabled: boolean };
      };
      expect(on.email.enabled).toBe(true);
      const offSettings = { ...settings, smtpUrl: undefined, mailFrom: undefined };
      const offApp = createApp({ store, timeZone: "Europe/Helsinki", pipeline, notifications: offSettings });
      const status = (await (await offApp.request("/api/v1/notifications", { headers: admin })).json()) as {
        email: { enabled: boolean; reason: string };
      };
      expect(status.email).toEqual({ enabled: false, reason: "KOHTAAMO_SMTP_URL is not set", from: null });
      await writeThroughPipeline(store, pipeline, "responses", [answer("r-second", 1, "Huonoa palvelua.")]);
      const summary = await deliverDueNotifications(
        { store, settings: offSettings, mailer: null, random: () => 0.5 },
        { now: hoursAfter(t0, 5) },
      );
      expect(summary).toMatchObject({ events: 1, attempted: 1, delivered: 1 });
      expect(smtp.messages).toHaveLength(1);
      expect(receiver.received("/ok")).toHaveLength(3);
    });

    it("e-mails a case's new owner when someone gives it to them, not when they take it themselves", async () => {
      const other = await signedIn(store, "manager", { teams: [TEAM] });
      const second = await store.db
        .selectFrom("cases")
        .select("id")
        .where("source_id", "=", "r-second")
        .executeTakeFirstOrThrow();
      const before = smtp.messages.length;
      expect((await call("PATCH", `/cases/${second.id}`, admin, { owner: other.email })).status).toBe(200);
      expect(
        (await call("PATCH", `/cases/${second.id}`, manager.headers, { owner: manager.email })).status,
      ).toBe(200);
      await deliverDueNotifications(deps, { now: hoursAfter(t0, 6) });
      expect(smtp.messages.slice(before).map((m) => [m.to, subjectOf(m.raw)])).toEqual([
        [[other.email], `Sinulle annettiin seurantatapaus: ${TEAM} – NPS-arvio 0–6`],
      ]);
    });

    it("keeps settled events and their delivery logs 30 days, then deletes them", async () => {
      const events = await store.db.selectFrom("outbox_events").select("id").execute();
      expect(events).toHaveLength(5);
      expect((await deliverDueNotifications(deps, { now: hoursAfter(t0, 29 * 24) })).pruned).toBe(0);
      expect((await deliverDueNotifications(deps, { now: hoursAfter(t0, 31 * 24) })).pruned).toBe(5);
      for (const table of ["outbox_events", "notification_deliveries", "notification_attempts"] as const) {
        expect(await store.db.selectFrom(table).selectAll().execute(), table).toEqual([]);
      }
    });
  });
}
