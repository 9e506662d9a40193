import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { DIALECTS, freshStore } from "../support/databases.ts";

const NOW = "2026-03-01T00:00:00.000Z";
const INTERRUPTED =
  "the import was interrupted (the process running it stopped) and will not resume; the records stored before that are kept. Import the file again to finish: rows already stored are counted as unchanged, none are duplicated";

for (const dialect of DIALECTS) {
  describe(`the audit log on ${dialect}`, () => {
    it("refuses UPDATE and DELETE at the database level and still takes new entries", async () => {
      const { store, dispose } = await freshStore(dialect);
      try {
        await store.access.audit({ actor: "admin@example.org", action: "customer.erase", target: "c-1" });
        const refused = /append-only/;
        await expect(
          store.db.updateTable("audit_log").set({ actor: "someone-else" }).execute(),
        ).rejects.toThrow(refused);
        await expect(store.db.deleteFrom("audit_log").execute()).rejects.toThrow(refused);
        await expect(
          store.db.deleteFrom("audit_log").where("action", "=", "customer.erase").execute(),
        ).rejects.toThrow(refused);
        if (dialect === "postgres")
          await expect(sql`truncate audit_log`.execute(store.db)).rejects.toThrow(refused);

        await store.access.audit({ actor: "admin@example.org", action: "logout" });
        const entries = await store.access.auditEntries({ limit: 10 });
        expect(entries.map((e) => [e.actor, e.action, e.target])).toEqual([
          ["admin@example.org", "logout", null],
          ["admin@example.org", "customer.erase", "c-1"],
        ]);
      } finally {
        await dispose();
      }
    });

    it("is left alone by a customer's erasure and by retention", async () => {
      const { store, dispose } = await freshStore(dialect);
      try {
        await store.access.audit({ actor: "a@example.org", action: "text.read", target: "encounter:e-1" });
        await store.privacy.eraseCustomer("c-1");
        await store.privacy.applyRetention(NOW);
        expect((await store.access.auditEntries({ limit: 10 })).map((e) => e.target)).toEqual([
          "encounter:e-1",
        ]);
      } finally {
        await dispose();
      }
    });
  });

  describe(`upgrading a ${dialect} database to the answers' copy of encounter facts`, () => {
    it("copies each linked encounter's facts onto its answers, as the frozen 0003 backfill", async () => {
      const { store, dispose } = await freshStore(dialect, "0002-analysis-facts");
      try {
        await store.db
          .insertInto("encounters")
          .values({
            id: "e-1",
            channel: "chat",
            started_at: "2026-02-01T10:00:00.000Z",
            wait_seconds: 120,
            transfers: 2,
            resolved: 0,
            turn_count: 0,
            content_hash: "e-1",
            updated_at: NOW,
            theme_codes: "billing:-1",
            repeat_contact: 1,
          } as never)
          .execute();
        const answer = (id: string, encounterId: string | null) => ({
          id,
          kind: "nps",
          score: 3,
          answered_at: "2026-02-02T10:00:00.000Z",
          encounter_id: encounterId,
          content_hash: id,
          updated_at: NOW,
        });
        await store.db
          .insertInto("survey_responses")
          .values([answer("r-linked", "e-1"), answer("r-alone", null)] as never)
          .execute();
        expect(await store.migrate("0003-answer-encounter-facts")).toEqual(["0003-answer-encounter-facts"]);
        const rows = await sql<
          Record<string, unknown>
        >`select id, enc_theme_codes, enc_wait_seconds, enc_transfers,
            enc_resolved, enc_repeat_contact, enc_linked from survey_responses order by id`.execute(store.db);
        expect(rows.rows).toEqual([
          {
            id: "r-alone",
            enc_theme_codes: null,
            enc_wait_seconds: null,
            enc_transfers: null,
            enc_resolved: null,
            enc_repeat_contact: null,
            enc_linked: null,
          },
          {
            id: "r-linked",
            enc_theme_codes: "billing:-1",
            enc_wait_seconds: 120,
            enc_transfers: 2,
            enc_resolved: 0,
            enc_repeat_contact: 1,
            enc_linked: 1,
          },
        ]);
      } finally {
        await dispose();
      }
    });
  });

  describe(`upgrading a ${dialect} database to import runs' error codes`, () => {
    it("gives the runs the server failed their code from their text, as the API gave it, and others none", async () => {
      const { store, dispose } = await freshStore(dialect, "0029-import-run-heartbeat");
      try {
        const run = (source: string, status: string, error: string | null) => ({
          kind: "responses",
          source,
          started_at: NOW,
          status,
          owner: "u-1",
          error,
        });
        await store.db
          .insertInto("import_runs")
          .values([
            // The sentence a run failed as abandoned was given when 0030 came.
            run("web:a.csv", "failed", INTERRUPTED),
            run("web:b.csv", "failed", "Cannot read b.csv: the file is empty"),
            run("web:c.csv", "done", null),
          ] as never)
          .execute();
        expect(await store.migrate("0030-import-run-error-codes")).toEqual(["0030-import-run-error-codes"]);
        const rows = await store.db
          .selectFrom("import_runs")
          .select(["source", "error_code", "error_params"])
          .orderBy("source")
          .execute();
        expect(rows).toEqual([
          { source: "web:a.csv", error_code: "interrupted", error_params: "{}" },
          { source: "web:b.csv", error_code: null, error_params: null },
          { source: "web:c.csv", error_code: null, error_params: null },
        ]);
      } finally {
        await dispose();
      }
    });
  });

  describe(`upgrading a ${dialect} database to import runs' notes`, () => {
    it("reads a web run of before as one with nothing to say, and keeps a new run's notes", async () => {
      const { store, dispose } = await freshStore(dialect, "0030-import-run-error-codes");
      try {
        const old = await store.db
          .insertInto("import_runs")
          .values({
            kind: "responses",
            source: "web:a.csv",
            started_at: NOW,
            status: "done",
            owner: "u-1",
          } as never)
          .returning("id")
          .executeTakeFirstOrThrow();
        expect(await store.migrate("0031-import-run-notes")).toEqual(["0031-import-run-notes"]);
        expect((await store.webImports.get(Number(old.id)))?.notes).toEqual({
          encodingRepairs: 0,
          htmlBodies: 0,
          tooOldForCases: 0,
        });
        const id = await store.webImports.begin({
          kind: "responses",
          owner: "u-1",
          actor: "a@example.org",
          fileId: "f-1",
          fileName: "b.csv",
          settings: {},
          totalBytes: 10,
        });
        const notes = { encodingRepairs: 3, htmlBodies: 1, tooOldForCases: 2 };
        await store.webImports.finish(Number(id), {
          status: "done",
          counts: { imported: 4, updated: 0, unchanged: 0, rejected: 0 },
          notes,
          error: null,
          rejectsFileId: null,
        });
        expect((await store.webImports.get(Number(id)))?.notes).toEqual(notes);
      } finally {
        await dispose();
      }
    });
  });

  describe(`upgrading a ${dialect} database to analyses that name their analyzer`, () => {
    it("counts the records analysed before as not read by the current analyzer, except those retention emptied", async () => {
      const { store, dispose } = await freshStore(dialect, "0032-unread-language");
      try {
        const encounter = (id: string, turns: number) => ({
          id,
          channel: "chat",
          started_at: "2026-02-01T10:00:00.000Z",
          turn_count: turns,
          content_hash: id,
          updated_at: NOW,
          theme_codes: "billing:-1",
          tone_label: "negative",
        });
        // e-1 has its turns; e-2's were removed by retention; e-3 never had any.
        await store.db
          .insertInto("encounters")
          .values([encounter("e-1", 1), encounter("e-2", 2), encounter("e-3", 0)] as never)
          .execute();
        await store.db
          .insertInto("turns")
          .values({ encounter_id: "e-1", seq: 0, speaker: "customer", text: "Lasku on väärin." } as never)
          .execute();
        const answer = (id: string, comment: string | null) => ({
          id,
          kind: "nps",
          score: 3,
          comment,
          answered_at: "2026-02-02T10:00:00.000Z",
          content_hash: id,
          updated_at: NOW,
        });
        await store.db
          .insertInto("survey_responses")
          .values([answer("r-1", "Lasku on väärin."), answer("r-2", null)] as never)
          .execute();
        expect(await store.migrate("0033-analyzer-version-facts")).toEqual(["0033-analyzer-version-facts"]);
        const versions = await store.db
          .selectFrom("encounters")
          .select(["id", "analyzer_version"])
          .orderBy("id")
          .execute();
        expect(versions).toEqual([
          { id: "e-1", analyzer_version: null },
          { id: "e-2", analyzer_version: "" },
          { id: "e-3", analyzer_version: null },
        ]);
        expect(await store.analysisQueue.outdatedCounts("linear-x+rules-y")).toEqual({
          encounter: 1,
          response: 1,
          pulse: 0,
          total: 2,
          capped: false,
        });
      } finally {
        await dispose();
      }
    });
  });
}
