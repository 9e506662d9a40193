import { demoInitiatives, generateDemo } from "../demo/index.ts";
import { withoutCaseAgeLimit } from "../domain/case-rules.ts";
import type { RecordKind, RecordOfKind } from "../domain/index.ts";
import type { QaBehaviour } from "../domain/qa-scorecard.ts";
import type { Store } from "../store/index.ts";
import { InitiativeRepository } from "../store/initiative-repository.ts";
import { QaRepository } from "../store/qa-repository.ts";
import { type IngestPipeline, writeThroughPipeline } from "./ingest-pipeline.ts";

export interface SeedOptions {
  /** Default: the generator's own default seed, which the planted truths and tests are written for. */
  seed?: number | undefined;
  pipeline: IngestPipeline;
  onProgress?: (message: string) => void;
}

const DEMO_RUN = "demo";

/**
 * Loads the generated demo workspace through the same batch writes and analysis stage as an
 * import. Idempotent: loading twice stores everything once, and a load killed half-way is
 * finished by the next start (see needsDemo).
 */
export async function seedDemo(workspace: Store, options: SeedOptions) {
  // The demo is a snapshot of a fixed calendar (demo/generate-demo.ts: a year ending 2026-10), so
  // every record is older than the case rules' maxAgeDays would let open a case; its cases are part
  // of what it shows (the cases page, the closed-loop KPIs, demo-case-work.ts), so it is loaded with
  // the workspace's rules without their age limit. Other writes keep the limit.
  const store = workspace.withCaseRules(withoutCaseAgeLimit(workspace.caseRules));
  const ws = generateDemo({ seed: options.seed });
  const run = await store.runs.begin(DEMO_RUN, `generated:seed=${ws.truths.options.seed}`);
  await store.directory.upsertTeams(ws.teams);
  const counts: Partial<Record<RecordKind, number>> = {};
  const totals = { imported: 0, updated: 0, unchanged: 0, rejected: 0 };
  const load = async <K extends RecordKind>(kind: K, records: RecordOfKind[K][], batchSize: number) => {
    for (let i = 0; i < records.length; i += batchSize) {
      const c = await writeThroughPipeline(store, options.pipeline, kind, records.slice(i, i + batchSize));
      totals.imported += c.imported;
      totals.updated += c.updated;
      totals.unchanged += c.unchanged;
    }
    counts[kind] = records.length;
    options.onProgress?.(`${kind}: ${records.length}`);
  };
  await load("agents", ws.agents, 1000);
  await load("customers", ws.customers, 1000);
  await load("encounters", ws.encounters, 250);
  await load("invitations", ws.invitations, 1000);
  await load("responses", ws.responses, 1000);
  await load("pulse", ws.pulse, 1000);
  await ensureDemoScorecard(store);
  await ensureDemoInitiatives(store, ws.truths.options.endMonth);
  await store.runs.finish(run, totals);
  return { counts, truths: ws.truths };
}

/**
 * A QA scorecard for the demo, so the QA page has something to review with: its criteria are the
 * agent behaviours the analysis marks (AutoQA pre-scores them), one of them critical. Made only when
 * the workspace has no scorecard yet; an admin edits or removes it like any other.
 */
export async function ensureDemoScorecard(store: Store): Promise<boolean> {
  const qa = new QaRepository(store.db);
  if ((await qa.listScorecards({ includeDeleted: true })).length > 0) return false;
  const criterion = (id: string, name: string, behaviour: QaBehaviour, weight: number, critical = false) => ({
    id,
    name,
    weight,
    critical,
    scale: "pass_fail" as const,
    behaviour,
  });
  await qa.createScorecard(
    {
      name: "Palvelun laatu / Service quality",
      team: null,
      channel: null,
      criteria: [
        criterion("greeting", "Tervehdys / Greeting", "greeting", 1),
        criterion("empathy", "Empatia / Empathy", "empathy", 2),
        criterion("ownership", "Vastuunotto / Ownership", "ownership", 2),
        criterion("solution", "Ratkaisu / Solution", "solution", 3),
        criterion("next_steps", "Selvä jatko / Clear next step", "next_steps", 2),
        criterion("no_blame", "Ei syyttelyä / No blaming the customer", "blame_customer", 2, true),
        criterion("polite_close", "Kohtelias lopetus / Polite close", "polite_close", 1),
      ],
    },
    "demo",
    new Date().toISOString(),
  );
  return true;
}

/**
 * The demo's development initiatives (demo/initiatives.ts), so the Initiatives page is not empty on
 * first start. Made only when the workspace has none yet (a load finished after a kill adds none
 * twice); an analyst edits or removes them like any other.
 */
export async function ensureDemoInitiatives(store: Store, endMonth: string): Promise<boolean> {
  const repo = new InitiativeRepository(store.db);
  if ((await repo.list()).length > 0) return false;
  const now = new Date().toISOString();
  for (const i of demoInitiatives(endMonth)) await repo.create({ ...i, expectedNpsGain: null }, "demo", now);
  return true;
}

/** True when the database holds no records, or when an earlier demo load did not finish. */
export async function needsDemo(store: Store): Promise<boolean> {
  const last = await store.runs.latest(DEMO_RUN);
  if (last && last.status === "running") return true;
  if (last) return false;
  return (await store.encounters.count()) === 0 && (await store.responses.count()) === 0;
}
