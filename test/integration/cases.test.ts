import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { caseRulesWith } from "../../src/domain/case-rules.ts";
import type { RecordOfKind } from "../../src/domain/index.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { startReanalysis } from "../../src/ingest/reanalyzer.ts";
import { createApp } from "../../src/server/app.ts";
import type { CaseView } from "../../src/store/case-repository.ts";
import { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { daysAgo } from "../support/synthetic-records.ts";

const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });
const TEAM = "Asiakaspalvelu Tampere";
/** Record times `hours` (and `minutes`) after a whole hour five days ago: recent enough to open cases. */
const BASE = daysAgo(5);
const at = (hours: number, minutes = 0) =>
  new Date(BASE + hours * 3_600_000 + minutes * 60_000).toISOString();

function answer(id: string, score: number, comment: string, kind = "nps"): RecordOfKind["responses"] {
  return {
    id,
    kind,
    score,
    comment,
    answeredAt: at(0),
    team: TEAM,
    customerId: `c-${id}`,
  } as RecordOfKind["responses"];
}

type Headers = Record<string, string>;
type ErrorBody = { error: { code: string; message: string; details?: { problems?: { field: string }[] } } };

for (const dialect of DIALECTS) {
  describe(`follow-up cases on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    let admin: { email: string; headers: Headers };
    let manager: { email: string; headers: Headers };
    let otherManager: Headers;
    let viewer: Headers;

    const caseRows = () => store.db.selectFrom("cases").selectAll().orderBy("source_id").execute();
    const patch = (id: string, body: unknown, headers: Headers) =>
      app.request(`/api/v1/cases/${encodeURIComponent(id)}`, {
        method: "PATCH",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline });
      // The manager exists before the answers: a new case's default owner is the team's manager.
      manager = await signedIn(store, "manager", { teams: ["asiakaspalvelu  tampere"] });
      admin = await signedIn(store, "admin");
      otherManager = (await signedIn(store, "manager", { teams: ["Laskutus"] })).headers;
      viewer = (await signedIn(store, "viewer")).headers;
      await writeThroughPipeline(store, pipeline, "responses", [
        answer("r-detractor", 3, "Odotin jonossa tunnin eikä kukaan auttanut."),
        answer("r-promoter", 10, "Kiitos, hyvää palvelua!"),
        answer("r-passive", 7, "Ihan ok."),
        answer("r-csat", 1, "Huono.", "csat"),
      ]);
    });
    afterAll(async () => {
      await dispose();
    });

    it("a detractor's answer opens one case, owned by the team's manager and due 48 h after the answer", async () => {
      const rows = await caseRows();
      expect(rows.map((r) => [r.rule_id, r.source_kind, r.source_id, r.status])).toEqual([
        ["nps_detractor", "response", "r-detractor", "new"],
      ]);
      const [row] = rows;
      expect(row?.team).toBe(TEAM);
      expect(row?.customer_id).toBe("c-r-detractor");
      expect(row?.due_at).toBe(at(48));
      const owner = await store.db
        .selectFrom("users")
        .select("email")
        .where("id", "=", row?.owner_id ?? "")
        .executeTakeFirst();
      expect(owner?.email).toBe(manager.email);
      expect(await store.cases.history(row?.id ?? "")).toEqual([
        expect.objectContaining({ actor: "rule:nps_detractor", field: "status", from: null, to: "new" }),
      ]);
    });

    it("re-importing (unchanged or changed) and re-analysing the answer opens no second case", async () => {
      const before = await caseRows();
      const same = await writeThroughPipeline(store, pipeline, "responses", [
        answer("r-detractor", 3, "Odotin jonossa tunnin eikä kukaan auttanut."),
      ]);
      expect(same.unchanged).toBe(1);
      const changed = await writeThroughPipeline(store, pipeline, "responses", [
        answer("r-detractor", 2, "Odotin jonossa kaksi tuntia eikä kukaan auttanut."),
      ]);
      expect(changed.updated).toBe(1);
      const started = await startReanalysis(store, pipeline.analyzer as never, "test");
      const summary = await started?.run;
      expect(summary?.responses).toBe(4);
      expect(await caseRows()).toEqual(before);
    });

    it("rules switched on by configuration open CSAT 1–2 and churn-word cases for new records, once", async () => {
      const configured = new Store(
        store.opened,
        undefined,
        caseRulesWith({ csat_low: { enabled: true }, churn_words: { enabled: true } }),
      );
      for (let i = 0; i < 2; i++) {
        await writeThroughPipeline(configured, pipeline, "responses", [
          // Stored before the rule was on and unchanged: rules look at new and re-analysed records only.
          answer("r-csat", 1, "Huono.", "csat"),
          answer("r-low", 2, "Huono.", "csat"),
          answer("r-churn", 9, "Hyvä palvelu, mutta lopetan asiakkuuden muuton takia."),
        ]);
      }
      const rows = await caseRows();
      expect(rows.map((r) => [r.rule_id, r.source_id])).toEqual([
        ["churn_words", "r-churn"],
        ["nps_detractor", "r-detractor"],
        ["csat_low", "r-low"],
      ]);
      // Churn words in a customer's turn of an encounter; the agent's words do not count.
      const encounter = (id: string, customer: string, agent: string): RecordOfKind["encounters"] =>
        ({
          id,
          channel: "chat",
          startedAt: at(23),
          endedAt: at(23, 10),
          team: "Laskutus",
          customerId: `c-${id}`,
          turns: [
            { seq: 0, speaker: "customer", text: customer },
            { seq: 1, speaker: "agent", text: agent },
          ],
        }) as RecordOfKind["encounters"];
      for (let i = 0; i < 2; i++) {
        await writeThroughPipeline(configured, pipeline, "encounters", [
          encounter("e-churn", "Irtisanon sopimuksen ensi kuussa.", "Selvä, hoidan asian."),
          encounter("e-agent", "Kiitos avusta.", "Jos haluatte, voitte myös irtisanon sopimuksen verkossa."),
        ]);
      }
      const cases = await store.db
        .selectFrom("cases")
        .select(["rule_id", "source_kind", "source_id", "encounter_id", "due_at"])
        .where("source_kind", "=", "encounter")
        .execute();
      expect(cases).toEqual([
        {
          rule_id: "churn_words",
          source_kind: "encounter",
          source_id: "e-churn",
          encounter_id: "e-churn",
          due_at: at(47, 10),
        },
      ]);
    });

    it("lists cases by team (spaces and ä), status, owner and overdue, scoped to a manager's teams", async () => {
      const list = async (query: string, headers: Headers) => {
        const res = await app.request(`/api/v1/cases?${query}`, { headers });
        expect(res.status).toBe(200);
        return ((await res.json()) as { items: CaseView[] }).items.map((c) => c.source.id).sort();
      };
      const team = `team=${encodeURIComponent("ASIAKASPALVELU TAMPERE")}`;
      expect(await list(team, admin.headers)).toEqual(["r-churn", "r-detractor", "r-low"]);
      expect(await list("status=new&overdue=true", manager.headers)).toHaveLength(3);
      expect(await list(`owner=${encodeURIComponent(manager.email)}`, admin.headers)).toHaveLength(3);
      expect(await list("", otherManager)).toEqual(["e-churn"]);
      expect((await app.request("/api/v1/cases", { headers: viewer })).status).toBe(403);
      const bad = await app.request("/api/v1/cases?status=closed", { headers: admin.headers });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ErrorBody).error.details?.problems?.[0]?.field).toBe("status");
    });

    it("PATCH to contacted, then resolved with an outcome, closes the case with history and audit", async () => {
      const [row] = (await caseRows()).filter((r) => r.source_id === "r-detractor");
      const id = row?.id ?? "";
      expect((await patch(id, { status: "contacted" }, otherManager)).status).toBe(404);
      const contacted = await patch(id, { status: "contacted" }, manager.headers);
      expect(contacted.status).toBe(200);
      const noOutcome = await patch(id, { status: "resolved" }, manager.headers);
      expect(noOutcome.status).toBe(400);
      expect(((await noOutcome.json()) as ErrorBody).error.details?.problems?.[0]?.field).toBe("outcome");
      const resolved = await patch(
        id,
        {
          status: "resolved",
          outcome: "Soitin asiakkaalle ja hyvitin kuukauden.",
          root_cause_theme: "waiting",
        },
        manager.headers,
      );
      expect(resolved.status).toBe(200);
      const body = (await resolved.json()) as CaseView & {
        history: { field: string; from: string; to: string; actor: string }[];
      };
      expect(body.status).toBe("resolved");
      expect(body.outcome).toBe("Soitin asiakkaalle ja hyvitin kuukauden.");
      expect(body.closed_at).not.toBeNull();
      expect(body.contacted_at).not.toBeNull();
      expect(body.overdue).toBe(false);
      expect(body.history.map((h) => [h.actor, h.field, h.from, h.to])).toEqual([
        ["rule:nps_detractor", "status", null, "new"],
        [manager.email, "status", "new", "contacted"],
        [manager.email, "status", "contacted", "resolved"],
        [manager.email, "outcome", null, "Soitin asiakkaalle ja hyvitin kuukauden."],
        [manager.email, "root_cause_theme", null, "waiting"],
      ]);
      const audit = await store.access.auditEntries({ limit: 10, action: "case.update" });
      expect(audit.map((a) => [a.actor, a.target, a.details])).toEqual([
        [
          manager.email,
          `case:${id}`,
          {
            fields: ["status", "outcome", "root_cause_theme"],
            status: { from: "contacted", to: "resolved" },
          },
        ],
        [manager.email, `case:${id}`, { fields: ["status"], status: { from: "new", to: "contacted" } }],
      ]);
      // A closed case stays closed.
      const reopen = await patch(id, { status: "contacted" }, admin.headers);
      expect(reopen.status).toBe(400);
      expect(((await reopen.json()) as ErrorBody).error.details?.problems?.[0]?.field).toBe("status");
    });

    it("bad PATCH input is a 400 naming the field; an unknown case is a 404", async () => {
      const [row] = (await caseRows()).filter((r) => r.source_id === "r-low");
      const id = row?.id ?? "";
      const fieldOf = async (body: unknown) => {
        const res = await patch(id, body, admin.headers);
        expect(res.status).toBe(400);
        const error = ((await res.json()) as ErrorBody).error;
        expect(error.code).toBe("bad_request");
        return error.details?.problems?.map((p) => p.field);
      };
      expect(await fieldOf({ status: "done" })).toEqual(["status"]);
      expect(await fieldOf({ status: "resolved", outcome: "x" })).toEqual(["status"]);
      expect(await fieldOf({ owner: "not an e-mail" })).toEqual(["owner"]);
      expect(await fieldOf({ owner: "nobody@test.example.org" })).toEqual(["owner"]);
      expect(await fieldOf({ root_cause_theme: "no-such-theme" })).toEqual(["root_cause_theme"]);
      expect(await fieldOf({ outcome: "" })).toEqual(["outcome"]);
      expect(await fieldOf({})).toEqual(["(body)"]);
      expect((await patch("no-such-case", { status: "contacted" }, admin.headers)).status).toBe(404);
      // Nothing of that changed the case.
      expect(await store.cases.history(id)).toHaveLength(1);
      const reassigned = await patch(id, { owner: admin.email, status: "no_action_needed" }, admin.headers);
      expect(reassigned.status).toBe(200);
      expect(((await reassigned.json()) as CaseView).owner).toBe(admin.email);
    });

    it("status=open lists the queue: new and contacted cases, not closed ones, in the list and the export", async () => {
      const [row] = (await caseRows()).filter((r) => r.source_id === "r-churn");
      expect((await patch(row?.id ?? "", { status: "contacted" }, admin.headers)).status).toBe(200);
      const res = await app.request("/api/v1/cases?status=open", { headers: admin.headers });
      expect(res.status).toBe(200);
      const items = ((await res.json()) as { items: CaseView[] }).items;
      // r-detractor was resolved and r-low closed as needing no action by the tests above.
      expect(items.map((c) => [c.source.id, c.status]).sort()).toEqual([
        ["e-churn", "new"],
        ["r-churn", "contacted"],
      ]);
      const csv = await app.request("/api/v1/cases/export?status=open", { headers: admin.headers });
      expect((await csv.text()).trim().split(/\r?\n/)).toHaveLength(3);
    });

    it("exports the list as CSV, audited", async () => {
      const res = await app.request(`/api/v1/cases/export?team=${encodeURIComponent(TEAM)}`, {
        headers: manager.headers,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/csv");
      const lines = (await res.text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toMatch(/^id,rule,status,source_kind,source_id/);
      expect(lines).toHaveLength(4);
      expect(lines.slice(1).every((l) => l.includes(TEAM))).toBe(true);
      const audit = await store.access.auditEntries({ limit: 1, action: "export" });
      expect(audit[0]?.target).toBe("cases");
    });

    it("exports the same list as an XLSX workbook, audited with its format", async () => {
      const res = await app.request(`/api/v1/cases/export?format=xlsx&team=${encodeURIComponent(TEAM)}`, {
        headers: manager.headers,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("spreadsheetml");
      const { default: ExcelJS } = await import("exceljs");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new Error("the workbook has no sheet");
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, 5)).toEqual(["id", "rule", "status", "source_kind", "source_id"]);
      expect(sheet.rowCount).toBe(4);
      const teamColumn = header.indexOf("team") + 1;
      for (let r = 2; r <= 4; r++) expect(sheet.getRow(r).getCell(teamColumn).value).toBe(TEAM);
      const audit = await store.access.auditEntries({ limit: 1, action: "export" });
      expect(audit[0]?.details).toMatchObject({ format: "xlsx", rows: 3 });
      const bad = await app.request("/api/v1/cases/export?format=pdf", { headers: manager.headers });
      expect(bad.status).toBe(400);
    });

    it("erasing a customer removes their cases and the cases' history", async () => {
      const [row] = (await caseRows()).filter((r) => r.source_id === "r-detractor");
      await store.privacy.eraseCustomer("c-r-detractor");
      expect((await caseRows()).map((r) => r.source_id)).toEqual(["e-churn", "r-churn", "r-low"]);
      expect(await store.cases.history(row?.id ?? "")).toEqual([]);
    });

    it("a repeat contact within the rule's days opens a case on the later encounter only", async () => {
      const visit = (id: string, startedAt: string): RecordOfKind["encounters"] =>
        ({
          id,
          channel: "phone",
          startedAt,
          team: "Tiimi X",
          customerId: "c-repeat",
          turns: [{ seq: 0, speaker: "customer", text: "Soitan taas samasta laskusta." }],
        }) as RecordOfKind["encounters"];
      const within = (days: number) =>
        new Store(store.opened, undefined, caseRulesWith({ repeat_contact: { enabled: true, days } }));
      // Two days apart: the 1-day rule sees no repeat, the 7-day rule sees the later one; the earlier never.
      await writeThroughPipeline(within(1), pipeline, "encounters", [
        visit("e-first", at(24)),
        visit("e-again", at(72)),
      ]);
      const repeatCases = () =>
        store.db
          .selectFrom("cases")
          .select(["source_id", "team"])
          .where("rule_id", "=", "repeat_contact")
          .execute();
      expect(await repeatCases()).toEqual([]);
      await startReanalysis(within(7), pipeline.analyzer as never, "test").then((s) => s?.run);
      expect(await repeatCases()).toEqual([{ source_id: "e-again", team: "Tiimi X" }]);
      await startReanalysis(within(7), pipeline.analyzer as never, "test").then((s) => s?.run);
      expect(await repeatCases()).toHaveLength(1);
    });
  });
}
