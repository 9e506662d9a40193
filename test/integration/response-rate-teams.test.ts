import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Encounter, SurveyInvitation, SurveyResponse } from "../../src/domain/index.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

/**
 * Invitations carry no team of their own; their team is their encounter's. A team lead, scoped to
 * their teams, used to see no invitations at all (the overview's response-rate card said "no data"
 * for every manager), and the team filter was ignored.
 */
const TEAMS = { tampere: "Asiakaspalvelu Tampere", billing: "Laskutus" } as const;
/** Per team: invitations sent, and how many of their encounters got an answer. */
const PLAN = { tampere: { invited: 12, answered: 4 }, billing: { invited: 10, answered: 9 } } as const;
const UNLINKED = 3;

async function seed(store: Store): Promise<void> {
  const encounters: Encounter[] = [];
  const invitations: SurveyInvitation[] = [];
  const responses: SurveyResponse[] = [];
  for (const key of ["tampere", "billing"] as const) {
    for (let i = 0; i < PLAN[key].invited; i++) {
      const id = `e-${key}-${i}`;
      const at = `2026-03-${String(2 + i).padStart(2, "0")}T09:00:00.000Z`;
      encounters.push({
        id,
        channel: i % 2 === 0 ? "chat" : "phone",
        startedAt: at,
        team: TEAMS[key],
        agent: `agent-${key}`,
        turns: [{ seq: 0, speaker: "customer", text: "Kysyisin laskusta." }],
      });
      invitations.push({ id: `i-${key}-${i}`, sentAt: at, channel: "email", encounterId: id });
      if (i < PLAN[key].answered) {
        responses.push({
          id: `r-${key}-${i}`,
          kind: "nps",
          score: 8,
          answeredAt: at,
          team: TEAMS[key],
          encounterId: id,
        });
      }
    }
  }
  for (let i = 0; i < UNLINKED; i++) {
    invitations.push({ id: `i-none-${i}`, sentAt: "2026-03-05T09:00:00.000Z", channel: "sms" });
  }
  await store.writeBatch("encounters", encounters);
  await store.writeBatch("invitations", invitations);
  await store.writeBatch("responses", responses);
}

for (const dialect of DIALECTS) {
  describe(`response rate per team on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect));
      await seed(store);
    });
    afterEach(async () => {
      await dispose();
    });

    it("counts an invitation in its encounter's team, by name key, and one without an encounter only unfiltered", async () => {
      const all = PLAN.tampere.invited + PLAN.billing.invited + UNLINKED;
      expect(await store.invitations.responseCounts({})).toEqual([
        { group: null, invited: all, answered: PLAN.tampere.answered + PLAN.billing.answered },
      ]);
      // A team filter matches the name as users type it (case and spacing folded).
      expect(await store.invitations.responseCounts({ team: "asiakaspalvelu  TAMPERE" })).toEqual([
        { group: null, invited: PLAN.tampere.invited, answered: PLAN.tampere.answered },
      ]);
      expect(await store.invitations.responseCounts({ teamIn: [TEAMS.billing] }, "channel")).toEqual([
        { group: "email", invited: PLAN.billing.invited, answered: PLAN.billing.answered },
      ]);
      expect(await store.invitations.responseCounts({ teamIn: [] })).toEqual([]);
    });

    it("shows a team lead their teams' response rate and an admin any team's", async () => {
      const app = createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
        oidc: null,
        minGroup: 3,
      });
      const rate = async (headers: Record<string, string>, query = "") => {
        const res = await app.request(`/api/v1/reports/response-rate${query}`, { headers });
        expect(res.status).toBe(200);
        return (await res.json()) as { invited: number; answered: number };
      };
      const manager = (await signedIn(store, "manager", { teams: [TEAMS.tampere] })).headers;
      expect(await rate(manager)).toMatchObject({
        invited: PLAN.tampere.invited,
        answered: PLAN.tampere.answered,
      });
      // Another team's filter cannot widen a manager's scope.
      expect(await rate(manager, `?team=${encodeURIComponent(TEAMS.billing)}`)).toMatchObject({ invited: 0 });

      const admin = (await signedIn(store, "admin")).headers;
      expect(await rate(admin, "?team=Laskutus")).toMatchObject({
        invited: PLAN.billing.invited,
        answered: PLAN.billing.answered,
      });
      expect(await rate(admin)).toMatchObject({
        invited: PLAN.tampere.invited + PLAN.billing.invited + UNLINKED,
      });
    });
  });
}
