import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scopeToPrincipal } from "../../src/auth/access-rules.ts";
import type { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

const AT = "2026-03-02T09:00:00.000Z";

for (const dialect of DIALECTS) {
  describe(`display names in the store on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect));
    });
    afterEach(async () => {
      await dispose();
    });

    it("stores every spelling of a name as the first one seen, in every kind of record", async () => {
      await store.writeBatch("agents", [{ id: "Maija Meikäläinen", name: "Maija", team: "Laskutus" }]);
      await store.writeBatch("responses", [
        { id: "r1", kind: "nps", score: 9, answeredAt: AT, team: "laskutus", agent: "MAIJA MEIKÄLÄINEN" },
        { id: "r2", kind: "nps", score: 3, answeredAt: AT, team: "LASKUTUS", channel: "Kauppa Oulu" },
      ]);
      await store.writeBatch("encounters", [
        {
          id: "e1",
          channel: "kauppa oulu",
          startedAt: AT,
          team: "laskutus",
          agent: "maija meikäläinen",
          turns: [],
        },
      ]);
      await store.writeBatch("pulse", [{ id: "p1", team: "LaSkUtUs", period: "2026-03", score: 7 }]);

      expect((await store.responses.get("r1"))?.team).toBe("Laskutus");
      expect((await store.responses.get("r1"))?.agent).toBe("Maija Meikäläinen");
      expect((await store.encounters.get("e1"))?.channel).toBe("Kauppa Oulu");
      expect((await store.pulse.get("p1"))?.team).toBe("Laskutus");
      expect((await store.directory.listTeams()).map((t) => t.id)).toEqual(["Laskutus"]);
      expect((await store.directory.listAgents()).map((a) => a.id)).toEqual(["Maija Meikäläinen"]);

      const byTeam = await store.responses.scoreCounts("nps", {}, "team");
      expect(byTeam.map((g) => [g.group, g.n])).toEqual([["Laskutus", 2]]);
    });

    it("counts a re-write of the same records in another spelling as unchanged", async () => {
      const batch = (team: string) => [{ id: "r1", kind: "nps" as const, score: 9, answeredAt: AT, team }];
      expect(await store.writeBatch("responses", batch("Laskutus"))).toMatchObject({ imported: 1 });
      expect(await store.writeBatch("responses", batch("laskutus"))).toMatchObject({
        unchanged: 1,
        updated: 0,
      });
    });

    it("takes two spellings of one agent in the same batch as one agent, the later updating the earlier", async () => {
      const counts = await store.writeBatch("agents", [
        { id: "Maija V", team: "Laskutus" },
        { id: "maija  v", name: "Maija Virtanen", team: "laskutus" },
      ]);
      expect(counts).toMatchObject({ imported: 1, updated: 1, unchanged: 0 });
      expect(await store.directory.listAgents()).toEqual([
        { id: "Maija V", name: "Maija Virtanen", team_id: "Laskutus" },
      ]);
    });

    it("scopes a manager to their teams by key, and matches nothing for an unknown name", async () => {
      await store.writeBatch("responses", [
        { id: "r1", kind: "nps", score: 9, answeredAt: AT, team: "Asiakaspalvelu Tampere" },
        { id: "r2", kind: "nps", score: 9, answeredAt: AT, team: "Laskutus" },
      ]);
      const manager = {
        id: "u1",
        email: "m@example.org",
        role: "manager" as const,
        teams: ["asiakaspalvelu  TAMPERE"],
        agentId: null,
        via: "token" as const,
      };
      const scoped = await store.responses.list(scopeToPrincipal(manager, {}));
      expect(scoped.items.map((r) => r.id)).toEqual(["r1"]);
      expect((await store.responses.list(scopeToPrincipal(manager, { team: "laskutus" }))).items).toEqual([]);
      expect((await store.responses.list({ team: "Oulu" })).items).toEqual([]);
    });
  });
}
