/**
 * Builds models/tone-lexicon-en.json from the VADER lexicon (Hutto & Gilbert 2014) as shipped in the
 * npm package vader-sentiment (vaderSentiment-js, © 2018 Comcast Cable Communications Management, LLC,
 * Apache License 2.0; the original lexicon by C.J. Hutto is MIT-licensed). Only single words are kept
 * (emoticons are features of their own in features.ts), each with its mean valence −4..4 to one decimal.
 *
 *   node --import tsx training/build-tone-lexicon.ts
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TONE_LEXICON_VERSION } from "../src/analysis/text/tone-lexicon.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve("vader-sentiment/package.json"));
const words: Record<string, number> = {};
for (const line of fs.readFileSync(path.join(pkgDir, "vader_lexicon.txt"), "utf8").split("\n")) {
  const [word, mean] = line.split("\t");
  const v = Number(mean);
  if (!word || !/^[a-z][a-z'-]*$/.test(word) || !Number.isFinite(v) || Math.abs(v) < 0.5) continue;
  words[word] = Math.round(v * 10) / 10;
}
const file = {
  version: TONE_LEXICON_VERSION,
  source:
    "VADER sentiment lexicon (Hutto & Gilbert 2014), from the npm package vader-sentiment (vaderSentiment-js, Copyright 2018 Comcast Cable Communications Management, LLC, Apache License 2.0; original lexicon MIT, C.J. Hutto). Single words with |mean valence| >= 0.5, rounded to 0.1.",
  en: words,
};
const out = path.join(ROOT, "models", "tone-lexicon-en.json");
fs.writeFileSync(out, `${JSON.stringify(file)}\n`);
process.stderr.write(`wrote ${path.relative(ROOT, out)}: ${Object.keys(words).length} words\n`);
