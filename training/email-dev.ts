/**
 * Development figures for whole e-mails (training/dev/emails-{fi,en}.jsonl: whole customer
 * e-mails labelled as wholes and sentence by sentence, written for this and never trained on), so
 * the way a long message's themes and tone are rolled up from its sentences can be chosen without
 * the evaluation sets:
 *
 *   node --import tsx training/email-dev.ts [--verbose] [--half 0|1]
 *
 * Printed per language:
 * - message tone: accuracy and macro-F1 of the analyzer as shipped and of the whole text read as
 *   one piece;
 * - message themes: of the e-mails' gold themes, the share found; of the reported themes, the share
 *   right; themes per e-mail reported and gold; shipped and alternative roll-ups computed from the
 *   same sentence readings;
 * - each gold sentence as the analyzer read it inside its e-mail: of the sentences that name no
 *   theme, the share given one anyway; of those that name one, the share whose theme is found.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { loadDefaultAnalyzer } from "../src/analysis/default-analyzer.ts";
import type { TextAnalysis } from "../src/analysis/text-analyzer.ts";
import { readJsonLines, TONES } from "./corpus.ts";
import { f1Scores } from "./metrics.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const verbose = process.argv.includes("--verbose");
// --half 0|1: only the e-mails whose number is even|odd (choose a rule on one half, check it on the other).
const half = process.argv.includes("--half")
  ? Number(process.argv[process.argv.indexOf("--half") + 1])
  : null;

const tone = z.enum(["negative", "neutral", "positive"]);
const themes = z.array(z.object({ id: z.string(), polarity: tone }));
const emailSchema = z.object({
  id: z.string(),
  lang: z.enum(["fi", "en"]),
  text: z.string().min(1),
  tone,
  themes,
  sentences: z.array(z.object({ text: z.string().min(1), tone, themes })),
});
type Email = z.infer<typeof emailSchema>;

export function loadEmails(lang: "fi" | "en"): Email[] {
  const file = path.join(ROOT, "training", "dev", `emails-${lang}.jsonl`);
  if (!fs.existsSync(file)) return [];
  return readJsonLines(file, emailSchema).map((l) => l.value);
}

const analyzer = loadDefaultAnalyzer();
type Theme = TextAnalysis["themes"][number];
type RollUp = (a: TextAnalysis, lang: "fi" | "en") => string[];

const calibration = JSON.parse(
  fs.readFileSync(path.join(ROOT, "models", "themes-calibration.json"), "utf8"),
) as Record<"fi" | "en", { thresholds: Record<string, number>; defaultThreshold: number }>;
/** Whether a sentence's theme passed its own threshold (not the fallback for a sentence with none). */
const passed = (lang: "fi" | "en", t: Theme) =>
  t.score >= (calibration[lang].thresholds[t.id] ?? calibration[lang].defaultThreshold);

/**
 * The roll-ups compared: each returns the message's theme ids from the shipped reading's sentences
 * (as text-analyzer.ts rollUpThemes: by sentence count, then best score; the general theme only
 * when nothing specific; at most `most`), keeping the sentence themes `keep` accepts. "shipped" is
 * the analyzer's own; the others are the alternatives the shipped rule was chosen among (since
 * 2026-12-04 the sentences carry no fallback guess, so "no fallback" alone equals the readings).
 */
const ROLLUPS: Record<string, RollUp> = {
  shipped: (a) => a.themes.map((t) => t.id),
  "no fallback themes in sentences": (a, lang) => rollUp(a, (t) => passed(lang, t)),
  "no fallback; sentence themes scoring ≥ 0.5": (a, lang) =>
    rollUp(a, (t) => passed(lang, t) && t.score >= 0.5),
  "no fallback; at most 3": (a, lang) => rollUp(a, (t) => passed(lang, t), 3),
  "no fallback; themes of ≥ 2 sentences or scoring ≥ 0.7": (a, lang) =>
    rollUp(
      a,
      (t) => passed(lang, t),
      5,
      (t, n) => n >= 2 || t.score >= 0.7,
    ),
  "no fallback; at most 2": (a, lang) => rollUp(a, (t) => passed(lang, t), 2),
  "no fallback; ≥ 0.5; at most 3": (a, lang) => rollUp(a, (t) => passed(lang, t) && t.score >= 0.5, 3),
  "no fallback; ≥ 0.6; at most 3": (a, lang) => rollUp(a, (t) => passed(lang, t) && t.score >= 0.6, 3),
  "no fallback; ≥ 0.7; at most 3": (a, lang) => rollUp(a, (t) => passed(lang, t) && t.score >= 0.7, 3),
  "no fallback; the first, then ≥ 0.6; at most 3": (a, lang) =>
    rollUp(
      a,
      (t) => passed(lang, t),
      3,
      (t, _n, i) => i === 0 || t.score >= 0.6,
    ),
  "whole text read as one piece": (a) => WHOLE.get(a)?.themes.map((t) => t.id) ?? [],
  "no fallback; the first, those of ≥ 2 sentences, and the whole text's": (a, lang) => {
    const whole = new Set(WHOLE.get(a)?.themes.map((t) => t.id) ?? []);
    return rollUp(
      a,
      (t) => passed(lang, t),
      5,
      (t, n, i) => i === 0 || n >= 2 || whole.has(t.id),
    );
  },
  "no fallback; the first and the whole text's": (a, lang) => {
    const whole = new Set(WHOLE.get(a)?.themes.map((t) => t.id) ?? []);
    return rollUp(
      a,
      (t) => passed(lang, t),
      5,
      (t, _n, i) => i === 0 || whole.has(t.id),
    );
  },
  "no fallback; the first, those of ≥ 2 sentences, the whole text's, ≥ 0.8": (a, lang) => {
    const whole = new Set(WHOLE.get(a)?.themes.map((t) => t.id) ?? []);
    return rollUp(
      a,
      (t) => passed(lang, t),
      5,
      (t, n, i) => i === 0 || n >= 2 || whole.has(t.id) || t.score >= 0.8,
    );
  },
};
/** Each reading's whole-text reading (the models over all its sentences' words at once). */
const WHOLE = new Map<TextAnalysis, TextAnalysis>();

function rollUp(
  a: TextAnalysis,
  keep: (t: Theme) => boolean,
  most = 5,
  message: (best: Theme, sentences: number, rank: number) => boolean = () => true,
): string[] {
  if (!a.sentences) return a.themes.map((t) => t.id);
  const byId = new Map<string, { best: Theme; n: number }>();
  for (const s of a.sentences)
    for (const t of s.themes.filter(keep)) {
      const seen = byId.get(t.id);
      if (!seen) byId.set(t.id, { best: t, n: 1 });
      else {
        seen.n++;
        if (t.score > seen.best.score) seen.best = t;
      }
    }
  const all = [...byId.values()];
  const specific = all.filter((x) => x.best.id !== "service_overall");
  return (specific.length > 0 ? specific : all)
    .sort((x, y) => y.n - x.n || y.best.score - x.best.score)
    .filter((x, i) => message(x.best, x.n, i))
    .slice(0, most)
    .map((x) => x.best.id);
}

function report(lang: "fi" | "en", emails: Email[]) {
  const split = emails.filter((e) => analyzer.analyzeText(e.text, lang).sentences !== undefined).length;
  console.log(`${lang}: ${emails.length} e-mails (${split} read sentence by sentence)`);
  const readings = emails.map((e) => {
    const r = analyzer.analyzeText(e.text, lang);
    WHOLE.set(r, analyzer.analyzeText(e.text, lang, { wholeText: true }));
    return r;
  });
  const gold = emails.map((e) => e.tone);
  const shipped = readings.map((r) => r.tone.label);
  const whole = emails.map((e) => analyzer.analyzeText(e.text, lang, { wholeText: true }).tone.label);
  for (const [name, pred] of [
    ["shipped", shipped],
    ["whole text", whole],
  ] as const) {
    const f = f1Scores(TONES, gold, pred);
    const right = pred.filter((p, i) => p === gold[i]).length / gold.length;
    console.log(`  message tone, ${name}: accuracy ${right.toFixed(3)}, macro-F1 ${f.macroF1.toFixed(3)}`);
  }
  // --sentence-gold: a message's gold themes are every theme its sentences name (passing mentions too).
  const goldThemes = emails.map(
    (e) =>
      new Set(
        process.argv.includes("--sentence-gold")
          ? e.sentences.flatMap((x) => x.themes.map((t) => t.id))
          : e.themes.map((t) => t.id),
      ),
  );
  const goldCount = goldThemes.reduce((n, s) => n + s.size, 0);
  for (const [name, f] of Object.entries(ROLLUPS)) {
    let found = 0;
    let reported = 0;
    let right = 0;
    readings.forEach((r, i) => {
      const got = new Set(f(r, lang));
      const want = goldThemes[i] as Set<string>;
      reported += got.size;
      for (const id of got) if (want.has(id)) right++;
      for (const id of want) if (got.has(id)) found++;
    });
    console.log(
      `  message themes, ${name}: found ${(found / goldCount).toFixed(3)}, reported right ${(right / Math.max(1, reported)).toFixed(3)}, per e-mail ${(reported / emails.length).toFixed(2)} (gold ${(goldCount / emails.length).toFixed(2)})`,
    );
  }
  sentenceFigures("shipped", emails, readings, () => true);
}

/**
 * Each gold sentence as the analyzer read it inside its e-mail: the themes (those `keep` accepts)
 * of the analyzer's sentences that overlap it; e-mails read as one piece are left out.
 */
function sentenceFigures(
  name: string,
  emails: Email[],
  readings: TextAnalysis[],
  keep: (t: Theme) => boolean,
) {
  const toneGold: string[] = [];
  const tonePred: string[] = [];
  let none = 0;
  let noneGiven = 0;
  let named = 0;
  let namedFound = 0;
  const given = new Map<string, number>();
  emails.forEach((e, i) => {
    const r = readings[i] as TextAnalysis;
    if (!r.sentences) return;
    let from = 0;
    for (const s of e.sentences) {
      const start = e.text.indexOf(s.text, from);
      if (start < 0) continue;
      from = start + s.text.length;
      const got = new Set(
        r.sentences
          .filter((x) => x.start < start + s.text.length && x.end > start)
          .flatMap((x) => x.themes.filter(keep).map((t) => t.id)),
      );
      // The tone of the analyzer's sentence that holds most of it.
      const holder = r.sentences
        .filter((x) => x.start < start + s.text.length && x.end > start)
        .sort(
          (x, y) =>
            Math.min(y.end, start + s.text.length) -
            Math.max(y.start, start) -
            (Math.min(x.end, start + s.text.length) - Math.max(x.start, start)),
        )[0];
      if (holder) {
        toneGold.push(s.tone);
        tonePred.push(holder.tone.label);
      }
      const want = new Set(s.themes.map((t) => t.id));
      if (want.size === 0) {
        none++;
        if (got.size > 0) noneGiven++;
        for (const id of got) given.set(id, (given.get(id) ?? 0) + 1);
      } else {
        named++;
        if ([...got].some((id) => want.has(id))) namedFound++;
      }
    }
  });
  console.log(
    `  sentences in their e-mail, ${name}: naming no theme ${none}, given one anyway ${(noneGiven / Math.max(1, none)).toFixed(3)}; naming one ${named}, found ${(namedFound / Math.max(1, named)).toFixed(3)}`,
  );
  if (name === "shipped")
    console.log(
      `  sentences in their e-mail, tone macro-F1 ${f1Scores(TONES, toneGold, tonePred).macroF1.toFixed(3)} (n=${toneGold.length})`,
    );
  if (verbose)
    console.log(
      `    given to theme-less sentences: ${[...given.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([id, n]) => `${id} ${n}`)
        .join(", ")}`,
    );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const lang of ["fi", "en"] as const) {
    const emails = loadEmails(lang).filter(
      (e) => half === null || Number(e.id.replace(/\D/g, "")) % 2 === half,
    );
    if (emails.length === 0) console.log(`${lang}: no training/dev/emails-${lang}.jsonl`);
    else report(lang, emails);
  }
}
