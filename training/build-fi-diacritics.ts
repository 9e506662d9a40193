/**
 * Builds models/fi-diacritics.json: Finnish word forms typed without ä, ö and å ("loyda", "myohassa")
 * mapped to the form they stand for ("löydä", "myöhässä"), which src/analysis/text/spoken.ts restores
 * in a Finnish text that has none of those letters at all (a keyboard without them, a phone's
 * predictive text switched off, an export that lost them). Without it every model, lexicon, pattern
 * and cue reads such a text as unknown words: on the theme dev sets, folding ä/ö away cost the right
 * theme on 2.6 points of single-topic lines and the tone on 2.5 points (2026-12-05).
 *
 *   KOHTAAMO_TONE_DATA=/work/shared/data node --import tsx training/build-fi-diacritics.ts
 *
 * Word counts come from the Finnish training corpus (training/data/fi, never the dev sets or
 * evaluation/) and the training parts of FinnSentiment and XED fi (training/tone-data.ts; their
 * held-out parts, which `npm run eval` scores, are not read). A folded form is restored only when one
 * spelling with ä/ö/å clearly dominates it: seen at least MIN_COUNT times and at least RATIO times as
 * often as the folded spelling itself plus any other spelling that folds the same way ("kasi" is a
 * word of its own beside "käsi": restored only if "käsi" is far commoner). The corpora's credit:
 * models/README.md.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  FI_DIACRITICS_VERSION,
  type FiDiacriticsFile,
  foldDiacritics,
} from "../src/analysis/text/fi-diacritics.ts";
import { tokenize } from "../src/analysis/text/tokenize.ts";
import { loadUtterances } from "./corpus.ts";
import { finnSentiment, xed } from "./tone-data.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MIN_COUNT = 2;
const RATIO = 3;

const texts = [
  ...loadUtterances(path.join(ROOT, "training", "data", "fi")).map((u) => u.text),
  ...finnSentiment("train").map((l) => l.text),
  ...xed("fi", "train").map((l) => l.text),
];
if (texts.length < 20_000)
  throw new Error(`only ${texts.length} Finnish texts: is KOHTAAMO_TONE_DATA pointing at the shared data?`);
const counts = new Map<string, number>();
for (const text of texts)
  for (const t of tokenize(text)) if (t.kind === "word") counts.set(t.text, (counts.get(t.text) ?? 0) + 1);

/** Per folded form: every spelling that folds to it, with its count. */
const byFolded = new Map<string, [string, number][]>();
for (const [word, n] of counts) {
  const folded = foldDiacritics(word);
  const list = byFolded.get(folded);
  if (list) list.push([word, n]);
  else byFolded.set(folded, [[word, n]]);
}
const words: Record<string, string> = {};
for (const [folded, spellings] of [...byFolded].sort(([a], [b]) => (a < b ? -1 : 1))) {
  spellings.sort((a, b) => b[1] - a[1]);
  const [best, n] = spellings[0] as [string, number];
  if (best === folded || n < MIN_COUNT) continue;
  const others = spellings.slice(1).reduce((s, [, m]) => s + m, 0);
  if (n >= RATIO * others) words[folded] = best;
}
const file: FiDiacriticsFile = {
  version: FI_DIACRITICS_VERSION,
  source: `word counts of training/data/fi and the training parts of FinnSentiment (Lindén, Jauhiainen & Hardwick 2023, CC BY 4.0) and XED fi (Öhman et al. 2020, CC BY 4.0), ${texts.length} texts; a form is restored when one spelling with ä/ö/å is seen >= ${MIN_COUNT} times and >= ${RATIO}x as often as all other spellings that fold the same way`,
  words,
};
fs.writeFileSync(path.join(ROOT, "models", "fi-diacritics.json"), `${JSON.stringify(file)}\n`);
process.stderr.write(
  `wrote models/fi-diacritics.json: ${Object.keys(words).length} forms from ${texts.length} texts\n`,
);
