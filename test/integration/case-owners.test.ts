import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { addLocalUser } from "../../src/auth/accounts.ts";
import { ensureDemoUsers } from "../../src/auth/demo-users.ts";
import type { RecordOfKind } from "../../src/domain/index.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { daysAgo } from "../support/synthetic-records.ts";

const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });
const TEAM = "Asiakaspalvelu Tampere";

function detractor(id: string, team: string): RecordOfKind["responses"] {
  return {
    id,
    kind: "nps",
    score: 2,
    comment: "Huonoa palvelua.",
    answeredAt: new Date(daysAgo(2)).toISOString(),
    team,
    customerId: `c-${id}`,
  } as RecordOfKind["responses"];
}

for (const dialect of DIALECTS) {
  describe(`owners of cases opened before a team had a manager, on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const owners = async () => {
      const rows = await store.db
        .selectFrom("cases")
        .leftJoin("users", "users.id", "cases.owner_id")
        .select(["cases.source_id", "users.email"])
        .orderBy("cases.source_id")
        .execute();
      return rows.map((r) => [r.source_id, r.email]);
    };

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      // No accounts yet, as in the demo: every case is opened without an owner.
      await writeThroughPipeline(store, pipeline, "responses", [
        detractor("r-open", TEAM),
        detractor("r-contacted", TEAM),
        detractor("r-closed", TEAM),
        detractor("r-billing", "Laskutus"),
      ]);
      const set = (id: string, status: string) =>
        store.db.updateTable("cases").set({ status }).where("source_id", "=", id).execute();
      await set("r-contacted", "contacted");
      await set("r-closed", "no_action_needed");
    });
    afterAll(async () => {
      await dispose();
    });

    it("a new manager of the team (named in any case and spacing) gets its open unowned cases, with history", async () => {
      expect((await owners()).every(([, email]) => email === null)).toBe(true);
      await addLocalUser(
        store,
        {
          email: "lead@test.example.org",
          role: "manager",
          teams: ["asiakaspalvelu   TAMPERE"],
          password: "a long enough password",
        },
        "admin@test.example.org",
      );
      expect(await owners()).toEqual([
        ["r-billing", null],
        ["r-closed", null],
        ["r-contacted", "lead@test.example.org"],
        ["r-open", "lead@test.example.org"],
      ]);
      const [open] = await store.db
        .selectFrom("cases")
        .select("id")
        .where("source_id", "=", "r-open")
        .execute();
      const history = await store.cases.history(open?.id ?? "");
      expect(history.at(-1)).toMatchObject({
        actor: "admin@test.example.org",
        field: "owner",
        from: null,
        to: "lead@test.example.org",
      });
      // A second manager of the same team takes nothing away; an analyst is given nothing.
      await addLocalUser(
        store,
        {
          email: "second@test.example.org",
          role: "manager",
          teams: [TEAM],
          password: "a long enough password",
        },
        "admin@test.example.org",
      );
      await addLocalUser(
        store,
        { email: "analyst@test.example.org", role: "analyst", password: "a long enough password" },
        "admin@test.example.org",
      );
      expect((await owners()).filter(([, email]) => email === "lead@test.example.org")).toHaveLength(2);
      expect(await store.cases.history(open?.id ?? "")).toHaveLength(history.length);
    });

    it("the demo's accounts, created after its data, own the demo manager's team's open cases", async () => {
      await ensureDemoUsers(store);
      expect((await owners()).find(([id]) => id === "r-billing")).toEqual([
        "r-billing",
        "manager@demo.example.org",
      ]);
    });
  });
}
