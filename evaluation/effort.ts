/**
 * Customer effort in `npm run eval` (and on the development set, training/effort-dev.ts): does the
 * analysis find the effort a customer states — repeat contacts, transfers, re-explaining, waits and
 * how long (training/LABELS.md, "Customer effort")? Read on messages written and labelled one by
 * one by LLM sessions for this project (no human-labelled effort text is at hand):
 *   - evaluation/effort/{fi,en}.jsonl: written by an evaluator who read only LABELS.md, never
 *     used to choose a rule;
 *   - training/dev/effort-{fi,en}.jsonl: by another author likewise, for development.
 * Each field is scored on its own: precision, recall and F1 of "the message states it"; for waits
 * also how often a wait found in a message that states one has the stated length (within
 * WAIT_TOLERANCE). No public JavaScript package reads effort, so the baseline beside Kohtaamo is a
 * plain word list (KEYWORDS): what spotting the obvious words gives, to show what the rules add.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { TextAnalyzer } from "../src/analysis/text-analyzer.ts";
import { readJsonLines } from "../training/corpus.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const effortLine = z.object({
  id: z.string(),
  lang: z.enum(["fi", "en"]),
  text: z.string().min(1),
  channel: z.string(),
  register: z.string(),
  sector: z.string(),
  repeat_contact: z.boolean(),
  transfer: z.boolean(),
  explain_again: z.boolean(),
  wait_seconds: z.number().int().positive().nullable(),
});
export type EffortLine = z.infer<typeof effortLine> & { source: string };

/** The labelled lines of one effort file (`evaluation/effort/fi.jsonl`, `training/dev/effort-fi.jsonl`). */
export function loadEffortLines(file: string): EffortLine[] {
  return readJsonLines(file, effortLine).map(({ value, line }) => ({
    ...value,
    source: `${path.relative(ROOT, file)}:${line}`,
  }));
}

export const EFFORT_EVAL_FILE = (lang: "fi" | "en") =>
  path.join(ROOT, "evaluation", "effort", `${lang}.jsonl`);
export const EFFORT_DEV_FILE = (lang: "fi" | "en") =>
  path.join(ROOT, "training", "dev", `effort-${lang}.jsonl`);

/** What a reader says a message states. */
export interface EffortReading {
  repeat_contact: boolean;
  transfer: boolean;
  explain_again: boolean;
  wait_seconds: number | null;
}

/** A found wait has the stated length when it is within this share of it ("puolitoista tuntia" read as 1 h is not). */
export const WAIT_TOLERANCE = 0.25;

export function kohtaamoEffort(analyzer: TextAnalyzer, text: string, lang: "fi" | "en"): EffortReading {
  const e = analyzer.analyzeText(text, lang).effort;
  return {
    repeat_contact: e.repeatContact,
    transfer: e.transfer,
    explain_again: e.explainAgain,
    wait_seconds: e.statedWaitSeconds,
  };
}

/**
 * The word-list baseline: a field is stated when one of its words occurs (Finnish by stem), and a
 * wait is the longest number-and-unit pair in the text, whatever it measures.
 */
const KEYWORDS = {
  repeat_contact:
    /\b(again|before|second time|third time|several times|many times|taas|uudestaan|uudelleen|jälleen|aiemmin|toista kertaa|kolmatta kertaa|monta kertaa)\b/iu,
  transfer: /\b(transfer\w*|put through|redirect\w*|siirr\w*|siirs\w*|yhdist\w*|ohjat\w*)/iu,
  explain_again: /\b(explain\w*|repeat\w*|selit\w*|toist\w*)/iu,
};
const UNITS: [RegExp, number][] = [
  [/^(sekunt|second|sec)/iu, 1],
  [/^(minuut|min)/iu, 60],
  [/^(tunn|tunti|hour|hr)/iu, 3600],
  [/^(päiv|day)/iu, 86400],
  [/^(viik|week)/iu, 604800],
  [/^(kuukau|kk$|month)/iu, 2592000],
];
const NUMBER_UNIT = /(\d+(?:[.,]\d+)?)\s*([\p{L}]+)/gu;

export function keywordEffort(text: string): EffortReading {
  let wait: number | null = null;
  for (const m of text.matchAll(NUMBER_UNIT)) {
    const unit = UNITS.find(([re]) => re.test(m[2] as string));
    if (!unit) continue;
    const seconds = Number((m[1] as string).replace(",", ".")) * unit[1];
    if (seconds > 0 && (wait === null || seconds > wait)) wait = Math.round(seconds);
  }
  return {
    repeat_contact: KEYWORDS.repeat_contact.test(text),
    transfer: KEYWORDS.transfer.test(text),
    explain_again: KEYWORDS.explain_again.test(text),
    wait_seconds: wait,
  };
}

export const EFFORT_FIELDS = ["repeat_contact", "transfer", "explain_again", "wait"] as const;
type Field = (typeof EFFORT_FIELDS)[number];

export interface FieldScore {
  field: Field;
  /** Messages that state it (gold). */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EffortScores {
  fields: FieldScore[];
  /** Of the messages that state a wait and in which one was found: the share found with the stated length. */
  waitLength: { right: number; of: number };
  /** Messages stating no effort at all that were read as stating some. */
  falseOnNone: { read: number; of: number };
}

const stated = (r: EffortReading, field: Field) => (field === "wait" ? r.wait_seconds !== null : r[field]);

export function scoreEffort(lines: readonly EffortLine[], readings: readonly EffortReading[]): EffortScores {
  const fields = EFFORT_FIELDS.map((field) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    lines.forEach((l, i) => {
      const gold = stated(l, field);
      const read = stated(readings[i] as EffortReading, field);
      if (gold && read) tp++;
      else if (read) fp++;
      else if (gold) fn++;
    });
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { field, support: tp + fn, precision, recall, f1 };
  });
  const waitLength = { right: 0, of: 0 };
  const falseOnNone = { read: 0, of: 0 };
  lines.forEach((l, i) => {
    const r = readings[i] as EffortReading;
    if (l.wait_seconds !== null && r.wait_seconds !== null) {
      waitLength.of++;
      if (Math.abs(r.wait_seconds - l.wait_seconds) <= WAIT_TOLERANCE * l.wait_seconds) waitLength.right++;
    }
    if (!EFFORT_FIELDS.some((f) => stated(l, f))) {
      falseOnNone.of++;
      if (EFFORT_FIELDS.some((f) => stated(r, f))) falseOnNone.read++;
    }
  });
  return { fields, waitLength, falseOnNone };
}

const f3 = (x: number) => x.toFixed(3);

/** One reader's scores as printed lines (`name` pads to line up with the other readers). */
export function formatEffortScores(name: string, s: EffortScores): string[] {
  const fields = s.fields
    .map((f) => `${f.field} P ${f3(f.precision)} R ${f3(f.recall)} F1 ${f3(f.f1)}`)
    .join("   ");
  const length = s.waitLength.of === 0 ? "—" : f3(s.waitLength.right / s.waitLength.of);
  return [
    `    ${name.padEnd(9)} ${fields}`,
    `    ${"".padEnd(9)} waits found with the stated length ${length} (${s.waitLength.right}/${s.waitLength.of}); messages stating no effort read as stating some ${s.falseOnNone.read}/${s.falseOnNone.of}`,
  ];
}

/** Prints Kohtaamo's and the word list's effort figures on `lines`; with `verbose`, Kohtaamo's misreadings. */
export function printEffort(
  analyzer: TextAnalyzer,
  lang: "fi" | "en",
  lines: readonly EffortLine[],
  label: string,
  verbose: boolean,
): EffortScores {
  const kohtaamo = lines.map((l) => kohtaamoEffort(analyzer, l.text, lang));
  const scores = scoreEffort(lines, kohtaamo);
  const support = scores.fields.map((f) => `${f.field} ${f.support}`).join(", ");
  console.log(`  ${label} (n=${lines.length}; stating ${support})`);
  for (const line of formatEffortScores("kohtaamo", scores)) console.log(line);
  for (const line of formatEffortScores(
    "word list",
    scoreEffort(
      lines,
      lines.map((l) => keywordEffort(l.text)),
    ),
  ))
    console.log(line);
  if (verbose)
    lines.forEach((l, i) => {
      const r = kohtaamo[i] as EffortReading;
      const wrong = EFFORT_FIELDS.filter((f) => stated(l, f) !== stated(r, f));
      const length =
        l.wait_seconds !== null &&
        r.wait_seconds !== null &&
        Math.abs(r.wait_seconds - l.wait_seconds) > WAIT_TOLERANCE * l.wait_seconds;
      if (wrong.length === 0 && !length) return;
      const what = [
        ...wrong.map((f) => (stated(l, f) ? `missed ${f}` : `false ${f}`)),
        ...(length ? [`wait ${r.wait_seconds} s, stated ${l.wait_seconds} s`] : []),
      ];
      console.log(`      ${l.id} ${what.join(", ")}: ${l.text.replaceAll("\n", " ")}`);
    });
  return scores;
}
