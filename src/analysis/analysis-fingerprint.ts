/**
 * What the analysis answers, in eight hex digits: the digest of every answer the analysis digest test
 * (analysis-digest.test.ts) records over its fixed corpus and its rule probes
 * (test/fixtures/analysis/rule-probes.jsonl), taken together. It is part of the
 * analyzer's version (model/model-set.ts), so a change of rules, not only of model files, gives
 * stored analyses another version than the current one: the status counts them as outdated
 * (GET /analysis/status `outdated`) until a reanalysis. The test fails while this differs from what
 * the analysis answers; after a deliberate change of the answers (or `npm run train`) put the value
 * it prints here. A rule change the corpus does not show adds a probe line that it answers
 * differently, so that the version still moves.
 */
export const ANALYSIS_FINGERPRINT = "f9598a7d";
