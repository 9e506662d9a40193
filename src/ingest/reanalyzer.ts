import type { TextAnalyzer } from "../analysis/text-analyzer.ts";
import type { AnalysisRecord, Store } from "../store/index.ts";

export interface ReanalyzeSummary {
  analyzerVersion: string;
  encounters: number;
  responses: number;
  pulse: number;
}

const BATCH = 500;

/**
 * Runs the current analyzer over every stored encounter and comment (after a model or taxonomy
 * change) and stores the results under the analyzer's version, batch by batch; results of other
 * versions are kept, so two versions can be compared. The stored text is already redacted.
 */
export async function reanalyzeAll(
  store: Store,
  analyzer: TextAnalyzer,
  onProgress?: (done: ReanalyzeSummary) => void,
): Promise<ReanalyzeSummary> {
  const summary: ReanalyzeSummary = {
    analyzerVersion: analyzer.version,
    encounters: 0,
    responses: 0,
    pulse: 0,
  };
  let pending: AnalysisRecord[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    await store.writeAnalyses(pending);
    pending = [];
    onProgress?.(summary);
  };
  const add = async (record: AnalysisRecord) => {
    pending.push(record);
    if (pending.length >= BATCH) await flush();
  };
  const version = analyzer.version;
  for await (const e of store.encounters.iterate()) {
    if (e.turns.length === 0) continue;
    const { turns, ...rest } = analyzer.analyzeEncounter(
      e.turns.map((t) => ({ speaker: t.speaker as "customer" | "agent" | "bot", text: t.text })),
    );
    const result = { ...rest, turns: turns.map(({ redacted: _text, ...t }) => t) };
    await add({ subjectKind: "encounter", subjectId: e.id, analyzerVersion: version, result });
    summary.encounters++;
  }
  for await (const r of store.responses.iterate()) {
    if (!r.comment) continue;
    const { redacted: _text, ...result } = analyzer.analyzeText(r.comment);
    await add({ subjectKind: "response", subjectId: r.id, analyzerVersion: version, result });
    summary.responses++;
  }
  for await (const p of store.pulse.iterate()) {
    if (!p.comment) continue;
    const { redacted: _text, ...result } = analyzer.analyzeText(p.comment);
    await add({ subjectKind: "pulse", subjectId: p.id, analyzerVersion: version, result });
    summary.pulse++;
  }
  await flush();
  return summary;
}
