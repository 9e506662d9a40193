import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { seedDemo } from "../../src/ingest/demo-seeder.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { CubeCell, ListFilter, Store } from "../../src/store/index.ts";
import { driversReport } from "../../src/workflows/drivers-report.ts";
import { cubeMonths, refreshCube } from "../../src/workflows/report-cube.ts";
import { scoreReport } from "../../src/workflows/score-reports.ts";
import { themesReport } from "../../src/workflows/themes-report.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

/**
 * The report cube (migration 0008, store/cube-repository.ts, workflows/report-cube.ts) against the
 * rows it summarises, on the demo workspace: after writes of every kind (changed scores and themes,
 * answers moved between months, deletions, an erased customer), the incrementally refreshed cube
 * equals a full recomputation cell by cell, and the theme and driver reports read from it give the
 * same point figures as the same reports computed from a scan of the rows.
 */
const ZONE = "Europe/Helsinki";

for (const dialect of DIALECTS) {
  describe(`report cube (${dialect})`, { timeout: 240_000 }, () => {
    let store: Store;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      await seedDemo(store, { pipeline: ingestPipeline({ analyzer: loadDefaultAnalyzer() }) });
    }, 240_000);

    afterAll(async () => {
      await dispose?.();
    });

    const snapshot = async (): Promise<Map<string, CubeCell>> => {
      const out = new Map<string, CubeCell>();
      for (const source of ["answers", "encounters"] as const) {
        for (const c of await store.cube.cells(source, { from: null, to: null }, {})) {
          out.set(`${source}|${c.month}|${c.team}|${c.channel}|${c.bucket}`, c);
        }
        for (const c of await store.cube.agentCells(source, { from: null, to: null }, {})) {
          out.set(`${source}|${c.month}|${c.team}|${c.channel}|agent ${c.agent}`, c);
        }
      }
      return out;
    };

    /**
     * Cells as plain numbers with trailing zeros of a wider layout ignored. Sums of decimals depend on
     * the order they are added in (the database's, which may differ between an incremental update and
     * a full recount: 134.79999999999998 against 134.8 in a CI rehearsal on PostgreSQL), so each figure
     * is compared to 12 significant digits; counts stay exact.
     */
    const comparable = (cells: Map<string, CubeCell>) =>
      new Map([...cells].map(([k, c]) => [k, Array.from(c.stats, (x) => Number(x.toPrecision(12)))]));

    it("builds every month on first use, and then has nothing left to do", async () => {
      const first = await refreshCube(store, ZONE);
      expect(first.answers.length).toBeGreaterThanOrEqual(12);
      expect(first.encounters.length).toBeGreaterThanOrEqual(12);
      expect(await refreshCube(store, ZONE)).toEqual({ answers: [], encounters: [] });
      const cells = await snapshot();
      const answers = [...cells.values()].filter((c) => c.bucket >= 0);
      const total = (agents: boolean) =>
        [...cells]
          .filter(([k]) => k.startsWith("answers|") && k.includes("|agent ") === agents)
          .reduce((s, [, c]) => s + c.stats.slice(0, 11).reduce((a, b) => a + b, 0), 0);
      const stored = await store.db
        .selectFrom("survey_responses")
        .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.count<number>("agent_id").as("agents")])
        .where("kind", "=", "nps")
        .executeTakeFirstOrThrow();
      expect(total(false)).toBe(Number(stored.n));
      // The agent cells (migration 0025) hold every answer that has an agent, once.
      expect(total(true)).toBe(Number(stored.agents));
      expect(total(true)).toBeGreaterThan(0);
      expect(answers.length).toBeGreaterThan(0);
    });

    it("after writes of every kind, refreshes only the months touched and equals a full recomputation", async () => {
      const ids = await store.db
        .selectFrom("survey_responses")
        .select(["id", "customer_id", "answered_at"])
        .where("kind", "=", "nps")
        .orderBy("id")
        .limit(40)
        .execute();
      expect(ids.length).toBe(40);
      const some = (from: number, to: number) => ids.slice(from, to).map((r) => r.id);
      // Scores and themes change; one answer moves to another month; some answers are deleted.
      await store.db
        .updateTable("survey_responses")
        .set({ score: 0 })
        .where("id", "in", some(0, 10))
        .execute();
      await store.db
        .updateTable("survey_responses")
        .set({ theme_codes: "billing:-1 waiting:-1", enc_linked: null })
        .where("id", "in", some(10, 20))
        .execute();
      await store.db
        .updateTable("survey_responses")
        .set({
          answered_at: dialect === "postgres" ? "2019-06-15T12:00:00.000Z" : "2019-06-15T12:00:00.000Z",
        })
        .where("id", "=", ids[20]?.id as string)
        .execute();
      await store.db.deleteFrom("survey_responses").where("id", "in", some(21, 25)).execute();
      // An encounter loses its analysis; a whole customer is erased.
      const enc = await store.db
        .selectFrom("encounters")
        .select("id")
        .orderBy("id")
        .limit(1)
        .executeTakeFirstOrThrow();
      await store.db
        .updateTable("encounters")
        .set({ tone_score: null, theme_codes: null })
        .where("id", "=", enc.id)
        .execute();
      const customer = ids.find((r) => r.customer_id)?.customer_id as string;
      await store.privacy.eraseCustomer(customer);

      const dirty = await store.db.selectFrom("cube_dirty").selectAll().execute();
      expect(dirty.some((d) => d.source === "answers" && d.month === "2019-06")).toBe(true);
      const refreshed = await refreshCube(store, ZONE);
      expect(refreshed.answers).toContain("2019-06");
      const incremental = comparable(await snapshot());

      // A full recomputation: forget the cube and build every month again.
      await sql`delete from cube_meta`.execute(store.db);
      await refreshCube(store, ZONE);
      const full = comparable(await snapshot());
      expect(incremental.size).toBe(full.size);
      for (const [key, stats] of full) expect(incremental.get(key), key).toEqual(stats);
    });

    const filters: [string, ListFilter][] = [
      ["everything", {}],
      ["three whole months", { from: "2025-12-31T22:00:00.000Z", to: "2026-03-31T21:00:00.000Z" }],
      ["one team", { team: "Asiakaspalvelu" }],
    ];

    it.each(filters)("gives the same theme figures from the cube as from the rows: %s", async (_, filter) => {
      expect(cubeMonths(filter, ZONE)).not.toBeNull();
      const [cube, rows] = await Promise.all([
        themesReport(store, filter, { timeZone: ZONE }),
        themesReport(store, filter, { timeZone: ZONE, scan: true }),
      ]);
      expect(cube.n).toBe(rows.n);
      expect(cube.n).toBeGreaterThan(300);
      expect(cube.themes.length).toBeGreaterThan(5);
      expect(cube.nps).toEqual(rows.nps);
      const figures = (r: typeof cube) =>
        Object.fromEntries(
          r.themes.map((t) => [
            t.theme,
            { volume: t.volume, answers: t.answers, nps: t.nps, impact: t.npsImpact.value },
          ]),
        );
      expect(figures(cube)).toEqual(figures(rows));
      for (const t of cube.themes) {
        expect(t.npsImpact.low).toBeLessThanOrEqual(t.npsImpact.value);
        expect(t.npsImpact.high).toBeGreaterThanOrEqual(t.npsImpact.value);
      }
    });

    it.each(filters)(
      "gives the same driver figures from the cube as from the rows: %s",
      async (_, filter) => {
        const [cube, rows] = await Promise.all([
          driversReport(store, filter, { timeZone: ZONE }),
          driversReport(store, filter, { timeZone: ZONE, scan: true }),
        ]);
        expect(cube.n).toBe(rows.n);
        expect(cube.r2).toBeCloseTo(rows.r2, 4);
        const figures = (r: typeof cube) =>
          Object.fromEntries(
            r.drivers.map((d) => [
              d.driver,
              { importance: d.importance, performance: d.performance, n: d.n, quadrant: d.quadrant },
            ]),
          );
        const a = figures(cube);
        const b = figures(rows);
        expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
        for (const [driver, f] of Object.entries(a)) {
          expect(f.importance, driver).toBeCloseTo(b[driver]?.importance as number, 3);
          expect(f.performance, driver).toBeCloseTo(b[driver]?.performance as number, 2);
          expect(f.n, driver).toBe(b[driver]?.n);
          expect(f.quadrant, driver).toBe(b[driver]?.quadrant);
        }
        for (const d of cube.drivers) {
          expect(d.low).toBeLessThanOrEqual(d.importance);
          expect(d.high).toBeGreaterThanOrEqual(d.importance);
        }
      },
    );

    /**
     * An agent's pending answer (intervals "stored" before the job stored the report) comes from the
     * agent cells (migration 0025); the same selection's point figures from its rows must equal it.
     * Agents with the most answers of the demo, alone and with a period, channel or manager's teams.
     */
    const agentFilters = async (): Promise<[string, ListFilter][]> => {
      const top = await store.db
        .selectFrom("survey_responses")
        .select(["agent_id", "team_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("kind", "=", "nps")
        .where("agent_id", "is not", null)
        .groupBy(["agent_id", "team_id"])
        .orderBy("n", "desc")
        .orderBy("agent_id")
        .limit(2)
        .execute();
      expect(top.length).toBe(2);
      const [a, b] = top.map((r) => ({ agent: r.agent_id as string, team: r.team_id as string }));
      if (!a || !b) throw new Error("no agents in the demo");
      return [
        ["one agent", { agent: a.agent }],
        ["another agent, three whole months", { agent: b.agent, ...filters[1]?.[1] }],
        ["one agent on chat", { agent: a.agent, channel: "chat" }],
        ["one agent, a manager of their team", { agent: a.agent, teamIn: [a.team, "Muu tiimi"] }],
        ["one agent, a manager of another team", { agent: a.agent, teamIn: ["Muu tiimi"] }],
      ];
    };

    it("serves an agent's pending theme and driver figures from the agent cells, equal to the rows", async () => {
      await refreshCube(store, ZONE);
      for (const [label, filter] of await agentFilters()) {
        expect(cubeMonths(filter, ZONE, "agents"), label).not.toBeNull();
        const themes = await themesReport(store, filter, { timeZone: ZONE, intervals: "stored" });
        const themeRows = await themesReport(store, filter, {
          timeZone: ZONE,
          scan: true,
          intervals: "none",
        });
        expect(themes.intervals, label).toBe("pending");
        expect(themeRows.intervals, label).toBe("pending");
        // Everything but the months: the cube's are the zone's, the scan's UTC months (see above).
        const themeFigures = (r: typeof themes) => ({
          ...r,
          themes: r.themes.map(({ monthly: _m, emerging: _e, ...t }) => t),
        });
        expect(themeFigures(themes), label).toEqual(themeFigures(themeRows));
        const months = (r: typeof themes) =>
          r.themes.map((t) => [t.theme, t.monthly.reduce((s, m) => s + m.volume, 0)]);
        expect(months(themes), label).toEqual(months(themeRows));

        const drivers = await driversReport(store, filter, { timeZone: ZONE, intervals: "stored" });
        const driverRows = await driversReport(store, filter, {
          timeZone: ZONE,
          scan: true,
          intervals: "none",
        });
        // An empty selection has no drivers to estimate: a warning, no intervals (either way).
        expect(drivers.intervals, label).toBe(driverRows.n > 0 ? "pending" : undefined);
        expect(drivers.n, label).toBe(driverRows.n);
        expect(drivers.r2, label).toBeCloseTo(driverRows.r2, 6);
        expect(drivers.warning, label).toBe(driverRows.warning);
        const driverFigures = (r: typeof drivers) =>
          r.drivers.map((d) => [d.driver, d.n, d.performance, d.quadrant, d.low, d.high]);
        expect(driverFigures(drivers), label).toEqual(driverFigures(driverRows));
        for (const d of drivers.drivers) {
          const row = driverRows.drivers.find((x) => x.driver === d.driver);
          expect(d.importance, `${label} ${d.driver}`).toBeCloseTo(row?.importance as number, 6);
          expect(d.beta, `${label} ${d.driver}`).toBeCloseTo(row?.beta as number, 6);
        }
        if (label.endsWith("another team")) expect(themes.n, label).toBe(0);
        else expect(themes.n, label).toBeGreaterThan(0);
      }

      // Read from the cube, not the rows: with the refresh left to a job (refresh "job"), a write to
      // the agent's answers shows only after the refresh, in a selection not asked for before.
      const [[, first]] = (await agentFilters()) as [[string, ListFilter]];
      const before = await themesReport(store, first, { timeZone: ZONE, scan: true, intervals: "none" });
      const ids = await store.db
        .selectFrom("survey_responses")
        .select("id")
        .where("kind", "=", "nps")
        .where("agent_id", "=", first.agent as string)
        .where("score", "<", 9)
        .limit(5)
        .execute();
      await store.db
        .updateTable("survey_responses")
        .set({ score: 10 })
        .where(
          "id",
          "in",
          ids.map((r) => r.id),
        )
        .execute();
      // Whole months of the zone from 2000-01 on: the same answers, a selection not asked for yet.
      const asked = { ...first, from: "1999-12-31T22:00:00.000Z" };
      const stale = await themesReport(store, asked, { timeZone: ZONE, intervals: "stored", refresh: "job" });
      expect(stale.intervals).toBe("pending");
      expect(stale.nps).toEqual(before.nps);
      await refreshCube(store, ZONE);
      const fresh = await themesReport(store, asked, { timeZone: ZONE, intervals: "stored", refresh: "job" });
      const rows = await themesReport(store, asked, { timeZone: ZONE, scan: true, intervals: "none" });
      expect(fresh.nps).toEqual(rows.nps);
      expect(fresh.nps.value).toBeGreaterThan(before.nps.value);
    });

    const scoreCases: [
      string,
      "nps" | "csat" | "ces",
      "team" | "channel" | "month" | undefined,
      ListFilter,
    ][] = [
      ["nps overall, everything", "nps", undefined, {}],
      ["nps by team, three months", "nps", "team", filters[1]?.[1] as ListFilter],
      ["nps by channel, one team", "nps", "channel", { team: "Asiakaspalvelu" }],
      ["csat by team", "csat", "team", {}],
      ["ces by channel", "ces", "channel", {}],
      ["nps by month", "nps", "month", {}],
    ];

    it.each(scoreCases)("counts scores from the cube as from the rows: %s", async (_, metric, by, filter) => {
      const [cube, rows] = await Promise.all([
        scoreReport(store, metric, filter, by, { timeZone: ZONE }),
        scoreReport(store, metric, filter, by),
      ]);
      expect(cube.n).toBeGreaterThan(50);
      expect([cube.value, cube.low, cube.high, cube.n]).toEqual([rows.value, rows.low, rows.high, rows.n]);
      const groups = (r: typeof cube) => r.groups.map((g) => [g.group, "n" in g ? g.n : null]);
      if (by === "month") {
        // The cube's months are the zone's; the row scan's are UTC months: the same answers, and
        // at most the few answered within hours of midnight at a month's edge counted in the next.
        const total = (r: typeof cube) => groups(r).reduce((s, [, n]) => s + Number(n), 0);
        expect(total(cube)).toBe(total(rows));
        expect(groups(cube).map(([g]) => g)).toEqual(groups(rows).map(([g]) => g));
      } else {
        expect(groups(cube)).toEqual(groups(rows));
      }
    });

    it("serves a report from its cache until the data changes, and never hands out the cached copy", async () => {
      const first = await driversReport(store, {}, { timeZone: ZONE });
      const again = await driversReport(store, {}, { timeZone: ZONE });
      expect(again).toEqual(first);
      again.drivers.length = 0;
      expect((await driversReport(store, {}, { timeZone: ZONE })).drivers.length).toBe(first.drivers.length);
      const before = await themesReport(store, {}, { timeZone: ZONE });
      const detractors = await store.db
        .selectFrom("survey_responses")
        .select("id")
        .where("kind", "=", "nps")
        .where("score", ">=", 9)
        .limit(50)
        .execute();
      await store.db
        .updateTable("survey_responses")
        .set({ score: 0 })
        .where(
          "id",
          "in",
          detractors.map((r) => r.id),
        )
        .execute();
      const after = await themesReport(store, {}, { timeZone: ZONE });
      expect(after.n).toBe(before.n);
      expect(after.nps.value).toBeLessThan(before.nps.value);
      expect(after.nps).toEqual((await themesReport(store, {}, { timeZone: ZONE, scan: true })).nps);
    });

    it("survives refreshes running at the same time, with a theme neither has seen", async () => {
      const rows = await store.db
        .selectFrom("survey_responses")
        .select("id")
        .where("kind", "=", "nps")
        .limit(3)
        .execute();
      await store.db
        .updateTable("survey_responses")
        .set({ theme_codes: "brand_new_theme:-1" })
        .where(
          "id",
          "in",
          rows.map((r) => r.id),
        )
        .execute();
      await Promise.all([refreshCube(store, ZONE), refreshCube(store, ZONE), refreshCube(store, ZONE)]);
      const themes = await store.cube.themes();
      expect(themes.filter((t) => t === "brand_new_theme")).toHaveLength(1);
      const report = await themesReport(store, {}, { timeZone: ZONE });
      expect(report.themes.find((t) => t.theme === "brand_new_theme")?.answers).toBe(3);
    });

    it("answers more concurrent readers than the pool has connections while the months are dirty", async () => {
      // Found by bench:load: each reader's report refreshes the cube first; on PostgreSQL readers that
      // waited for a running refresh held every pooled connection (10) and the refresh could not get
      // one to read its rows, so no reader was ever answered.
      await store.db
        .updateTable("survey_responses")
        .set({ updated_at: new Date().toISOString() })
        .where("kind", "=", "nps")
        .execute();
      const reports = await Promise.all(
        Array.from({ length: 30 }, () => themesReport(store, {}, { timeZone: ZONE })),
      );
      expect(reports).toHaveLength(30);
      const fresh = await themesReport(store, {}, { timeZone: ZONE });
      expect(fresh.themes.length).toBeGreaterThan(0);
      for (const r of reports) expect(r.themes.length).toBeGreaterThan(0);
    });

    it("leaves a period that does not start on a month of the zone, or an agent filter, to the rows", () => {
      expect(cubeMonths({ from: "2026-01-01T00:00:00.000Z" }, ZONE)).toBeNull();
      expect(cubeMonths({ from: "2025-12-31T22:00:00.000Z" }, ZONE)).toEqual({ from: "2026-01", to: null });
      expect(cubeMonths({ agent: "Maija" }, ZONE)).toBeNull();
      // The agent cells answer an agent, with a period, team, teams or channel; not a touchpoint.
      expect(cubeMonths({ agent: "Maija", channel: "chat" }, ZONE, "agents")).toEqual({
        from: null,
        to: null,
      });
      expect(cubeMonths({ agent: "Maija", touchpoint: "Sovellus" }, ZONE, "agents")).toBeNull();
    });
  });
}
