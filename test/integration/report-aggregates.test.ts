import fc from "fast-check";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCORE_RANGE } from "../../src/domain/index.ts";
import { acceptBatch } from "../../src/ingest/batch-intake.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { ListFilter, Store } from "../../src/store/index.ts";
import { SCORE_CELL_GROUPINGS } from "../../src/store/score-cells.ts";
import { driversReport } from "../../src/workflows/drivers-report.ts";
import { cubeMonths } from "../../src/workflows/report-cube.ts";
import { scoreReport } from "../../src/workflows/score-reports.ts";
import { themesReport } from "../../src/workflows/themes-report.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

/**
 * Score reports filtered or broken down by agent or touchpoint read the score cells (migration 0021,
 * store/score-cells.ts). Property: for random answers (kinds, months, teams, channels, agents,
 * touchpoints, some missing) and random filter combinations a report takes (whole months of the zone,
 * team, a manager's teams, channel, agent, every grouping), the report from the cells equals the same
 * report computed from the rows, and the cells' counts with a touchpoint filter equal a count of the
 * generated answers themselves. Likewise an agent's theme and driver reports while their intervals are
 * pending: the point figures from the agent cells (migration 0025) equal those from the agent's rows.
 */
const ZONE = "Europe/Helsinki";
const TEAMS = ["Laskutus", "Myynti", "Tekninen tuki"];
const CHANNELS = ["phone", "chat", "email"];
const AGENTS = ["Aino", "Eero", "Liisa", "Matti"];
const TOUCHPOINTS = ["Sovellus", "Verkkosivu"];
const KINDS = ["nps", "csat", "ces"] as const;
/** Theme codes an answer's comment may carry (the analyzer is off here; written to the rows directly). */
const THEME_CODES = [null, "billing:-1", "billing:1 waiting:-1", "staff:0 waiting:1", "app:-1"];

const maybe = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });

const answer = fc.record({
  kind: fc.constantFrom(...KINDS),
  month: fc.integer({ min: 1, max: 6 }),
  day: fc.integer({ min: 2, max: 27 }),
  team: maybe(TEAMS),
  channel: maybe(CHANNELS),
  agent: maybe(AGENTS),
  touchpoint: maybe(TOUCHPOINTS),
  score: fc.nat(),
  themes: fc.constantFrom(...THEME_CODES),
});
type Answer = typeof answer extends fc.Arbitrary<infer T> ? T : never;

const month = (m: number) => `2025-${String(m).padStart(2, "0")}-01`;
const filterArb = fc.record({
  period: fc.option(
    fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 })).map(([from, len]) => ({
      from: month(from),
      to: month(from + len),
    })),
    { nil: undefined },
  ),
  team: maybe(TEAMS),
  teamIn: fc.option(fc.subarray(TEAMS), { nil: undefined }),
  channel: maybe(CHANNELS),
  agent: maybe(AGENTS),
  touchpoint: maybe(TOUCHPOINTS),
  by: maybe(SCORE_CELL_GROUPINGS),
  kind: fc.constantFrom(...KINDS),
});

/** An agent's selection: an agent, maybe whole months, and at most one of team, a manager's teams, channel. */
const agentFilterArb = fc.record({
  agent: fc.constantFrom(...AGENTS),
  period: filterArb.map((f) => f.period),
  names: fc.oneof(
    fc.constant({}),
    fc.constantFrom(...TEAMS).map((team) => ({ team })),
    fc.subarray(TEAMS, { minLength: 1 }).map((teamIn) => ({ teamIn })),
    fc.constantFrom(...CHANNELS).map((channel) => ({ channel })),
  ) as fc.Arbitrary<{ team?: string; teamIn?: string[]; channel?: string }>,
});

/** A whole month of the zone as the API's parsed `from`/`to` (UTC instants). */
function zoneInstant(day: string): string {
  return DateTime.fromISO(day, { zone: ZONE }).toUTC().toISO() as string;
}

for (const dialect of DIALECTS) {
  describe(`report aggregates by agent and touchpoint (${dialect})`, { timeout: 600_000 }, () => {
    let store: Store;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
    });
    afterAll(async () => {
      await dispose?.();
    });

    const write = async (answers: Answer[]) => {
      await store.db.deleteFrom("survey_responses").execute();
      const items = answers.map((a, i) => {
        const range = SCORE_RANGE[a.kind];
        return {
          id: `r${i}`,
          kind: a.kind,
          score: range.min + (a.score % (range.max - range.min + 1)),
          answered_at: `2025-${String(a.month).padStart(2, "0")}-${String(a.day).padStart(2, "0")}T10:00:00Z`,
          ...(a.team ? { team: a.team } : {}),
          ...(a.channel ? { channel: a.channel } : {}),
          ...(a.agent ? { agent: a.agent } : {}),
          ...(a.touchpoint ? { touchpoint: a.touchpoint } : {}),
        };
      });
      const result = await acceptBatch(store, "responses", items, {
        timeZone: ZONE,
        pipeline: ingestPipeline({ analyzer: null }),
      });
      expect(result.errors).toEqual([]);
      for (const codes of THEME_CODES.filter((c) => c !== null)) {
        const ids = items.filter((_, i) => answers[i]?.themes === codes).map((item) => item.id);
        if (ids.length > 0)
          await store.db
            .updateTable("survey_responses")
            .set({ theme_codes: codes })
            .where("id", "in", ids)
            .execute();
      }
      return items;
    };

    it("a score report from the cells equals the report from the rows, for random data and filters", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(answer, { minLength: 1, maxLength: 250 }),
          fc.array(filterArb, { minLength: 12, maxLength: 12 }),
          async (answers, filters) => {
            const items = await write(answers);
            for (const f of filters) {
              const filter: ListFilter = {};
              if (f.period) {
                filter.from = zoneInstant(f.period.from);
                filter.to = zoneInstant(f.period.to);
              }
              if (f.team) filter.team = f.team;
              if (f.teamIn) filter.teamIn = f.teamIn;
              if (f.channel) filter.channel = f.channel;
              if (f.agent) filter.agent = f.agent;
              // The cube must answer it; otherwise this compares the scan with itself.
              expect(cubeMonths({ ...filter, touchpoint: f.touchpoint }, ZONE, "scores")).not.toBeNull();
              const cells = await scoreReport(store, f.kind, filter, f.by, { timeZone: ZONE });
              const rows = await scoreReport(store, f.kind, filter, f.by, { timeZone: ZONE, scan: true });
              expect(cells, JSON.stringify(f)).toEqual(rows);

              // A touchpoint filter (the rows' score counts take none): against the generated answers.
              const months = cubeMonths(filter, ZONE, "scores") as { from: string | null; to: string | null };
              const cellFilter = { ...filter, ...(f.touchpoint ? { touchpoint: f.touchpoint } : {}) };
              const [counted] = await store.cube.scoreCounts(f.kind, months, cellFilter);
              const expected = new Array(11).fill(0);
              items.forEach((item, i) => {
                const a = answers[i] as Answer;
                const at = new Date(item.answered_at).toISOString();
                if (a.kind !== f.kind) return;
                if (filter.from && at < filter.from) return;
                if (filter.to && at >= filter.to) return;
                if (f.team && a.team !== f.team) return;
                if (f.teamIn && !(a.team && f.teamIn.includes(a.team))) return;
                for (const k of ["channel", "agent", "touchpoint"] as const)
                  if (f[k] && a[k] !== f[k]) return;
                expected[item.score] += 1;
              });
              expect(counted?.counts ?? new Array(11).fill(0), JSON.stringify(f)).toEqual(expected);
            }
          },
        ),
        { numRuns: 4, seed: 14_04 },
      );
    });

    it("an agent's pending theme and driver figures from the agent cells equal those from the rows", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(answer, { minLength: 40, maxLength: 250 }),
          fc.array(agentFilterArb, { minLength: 6, maxLength: 6 }),
          async (generated, filters) => {
            const answers = generated.map((a) => ({ ...a, kind: "nps" as const }));
            await write(answers);
            let answered = 0;
            for (const f of filters) {
              const filter: ListFilter = { agent: f.agent };
              if (f.period) {
                filter.from = zoneInstant(f.period.from);
                filter.to = zoneInstant(f.period.to);
              }
              if (f.names.team) filter.team = f.names.team;
              if (f.names.teamIn) filter.teamIn = f.names.teamIn;
              if (f.names.channel) filter.channel = f.names.channel;
              const label = JSON.stringify(filter);
              expect(cubeMonths(filter, ZONE, "agents"), label).not.toBeNull();
              // "stored" before the job ran: the pending answer a route serves; the scan's, the same
              // selection's point figures from its rows.
              const pending = { timeZone: ZONE, intervals: "stored" } as const;
              const rows = { timeZone: ZONE, scan: true, intervals: "none" } as const;
              const themes = await themesReport(store, filter, pending);
              expect(themes.intervals, label).toBe("pending");
              expect(themes, label).toEqual(await themesReport(store, filter, rows));
              answered += themes.n;
              const drivers = await driversReport(store, filter, pending);
              const driverRows = await driversReport(store, filter, rows);
              expect(drivers.n, label).toBe(driverRows.n);
              expect(drivers.intervals, label).toBe(driverRows.intervals);
              expect(drivers.warning, label).toBe(driverRows.warning);
              expect(drivers.r2, label).toBeCloseTo(driverRows.r2, 6);
              expect(
                drivers.drivers.map((d) => [d.driver, d.n, d.performance]),
                label,
              ).toEqual(driverRows.drivers.map((d) => [d.driver, d.n, d.performance]));
              drivers.drivers.forEach((d, j) => {
                expect(d.importance, label).toBeCloseTo(driverRows.drivers[j]?.importance as number, 6);
              });
            }
            // Not only empty selections (which the cells and the rows would agree on anyway).
            expect(answered).toBeGreaterThan(0);
          },
        ),
        { numRuns: 4, seed: 14_04 },
      );
    });
  });
}
