/**
 * How far a second annotator gets on the independent set's themes: the same lines labelled again,
 * blind, by two further annotators (evaluation/second-annotators/{lang}-{A,B}.jsonl; see the
 * README there), scored against the set's gold labels exactly as the analyzer is
 * (theme-report.ts). It says what the theme targets mean on this set — how often a careful reader
 * finds the author's theme, and how many themes such a reader gets to precision ≥ 0.8 with 10–40
 * lines each — and the analyzer is also scored on the single-topic lines whose gold theme both
 * annotators found (the lines nobody would argue about), so its own misses can be told from the
 * set's ambiguous lines. Measurement only: nothing is fitted or chosen on these files.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Taxonomy } from "../src/analysis/model/model-set.ts";
import type { Utterance } from "../training/corpus.ts";
import { printThemeFigures, themeFigures } from "./theme-report.ts";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "second-annotators");

export interface SecondAnnotation {
  /** "A", "B": the file's annotator. */
  name: string;
  /** The themes the annotator gave each line of the set, in the set's order. */
  themes: string[][];
}

/**
 * The second annotators' themes for `set` (one language of the independent set), matched to it by
 * text. A line of a file whose text is not in the set, a theme id the taxonomy does not have, or a
 * line of the set a file leaves out stops with the file, line and reason.
 */
export function loadSecondAnnotations(
  lang: "fi" | "en",
  set: readonly Utterance[],
  taxonomy: Taxonomy,
  dir: string = DIR,
): SecondAnnotation[] {
  const ids = new Set(taxonomy.themes.map((t) => t.id));
  const index = new Map(set.map((u, i) => [u.text, i]));
  const out: SecondAnnotation[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const file of fs.readdirSync(dir).sort()) {
    const m = /^(fi|en)-([A-Za-z0-9]+)\.jsonl$/.exec(file);
    if (!m || m[1] !== lang) continue;
    const themes: (string[] | undefined)[] = new Array(set.length).fill(undefined);
    const lines = fs.readFileSync(path.join(dir, file), "utf8").split("\n");
    lines.forEach((line, k) => {
      if (line.trim() === "") return;
      const where = `${file}:${k + 1}`;
      let row: { text?: unknown; themes?: unknown };
      try {
        row = JSON.parse(line);
      } catch (e) {
        throw new Error(`${where}: not JSON (${(e as Error).message})`);
      }
      const i = typeof row.text === "string" ? index.get(row.text) : undefined;
      if (i === undefined)
        throw new Error(`${where}: its text is not a line of evaluation/data/${lang}.jsonl`);
      if (!Array.isArray(row.themes) || row.themes.some((t) => typeof t !== "string" || !ids.has(t)))
        throw new Error(`${where}: "themes" must list theme ids of models/taxonomy.json`);
      if (themes[i] !== undefined) throw new Error(`${where}: the same line is labelled twice`);
      themes[i] = row.themes as string[];
    });
    const missing = themes.indexOf(undefined);
    if (missing >= 0) throw new Error(`${file}: no themes for "${set[missing]?.text}"`);
    out.push({ name: m[2] as string, themes: themes as string[][] });
  }
  return out;
}

/**
 * Each annotator's figures against the gold labels, then the analyzer's (`found`, per line of
 * `set`) on the single-topic lines whose gold theme every annotator found, and on the whole set against
 * the majority of its readers (majorityLines).
 */
export function printSecondAnnotators(
  set: readonly Utterance[],
  found: readonly string[][],
  annotations: readonly SecondAnnotation[],
  taxonomy: Taxonomy,
  verbose: boolean,
): void {
  if (annotations.length === 0) return;
  for (const a of annotations) {
    console.log(`    second annotator ${a.name} (blind, the same labels; evaluation/second-annotators):`);
    printThemeFigures(themeFigures(set, a.themes, taxonomy), false);
  }
  const agreed = agreedLines(set, annotations);
  const single = set.filter((u) => u.themes.length === 1).length;
  console.log(
    `    kohtaamo on the ${agreed.length} of ${single} single-topic lines whose theme every second annotator found too:`,
  );
  printThemeFigures(
    themeFigures(
      agreed.map((i) => set[i] as Utterance),
      agreed.map((i) => found[i] as string[]),
      taxonomy,
    ),
    verbose,
  );
  const majority = majorityLines(set, annotations);
  const changed = majority.filter(
    (m, i) => m.themes.map((t) => t.id).join() !== set[i]?.themes.map((t) => t.id).join(),
  ).length;
  console.log(
    `    kohtaamo against the majority of the ${annotations.length + 1} readers (the author and the second annotators; ${changed} of ${set.length} lines' themes differ from the author's):`,
  );
  printThemeFigures(themeFigures(majority, found, taxonomy), verbose);
}

/**
 * The set with each line's themes replaced by those that most of its readers gave: the set's author
 * and the second annotators, a theme counting when more than half of them named it (two of three).
 * One reader's slip or oversight no longer decides a line, as FinnSentiment's majority of three
 * annotators decides its polarity. A theme keeps the author's polarity where the author gave it, and
 * is "neutral" otherwise (the theme figures read ids only).
 */
export function majorityLines(
  set: readonly Utterance[],
  annotations: readonly SecondAnnotation[],
): Utterance[] {
  const readers = annotations.length + 1;
  return set.map((u, i) => {
    const votes = new Map<string, number>();
    const vote = (id: string) => votes.set(id, (votes.get(id) ?? 0) + 1);
    for (const id of new Set(u.themes.map((t) => t.id))) vote(id);
    for (const a of annotations) for (const id of new Set(a.themes[i] ?? [])) vote(id);
    const themes = [...votes]
      .filter(([, n]) => 2 * n > readers)
      .map(([id]) => u.themes.find((t) => t.id === id) ?? { id, polarity: "neutral" as const });
    return { ...u, themes };
  });
}

/** The indices of `set`'s single-topic lines whose gold theme every annotator gave too. */
export function agreedLines(set: readonly Utterance[], annotations: readonly SecondAnnotation[]): number[] {
  return set.flatMap((u, i) => {
    const gold = u.themes.length === 1 ? u.themes[0]?.id : undefined;
    return gold !== undefined && annotations.every((a) => a.themes[i]?.includes(gold)) ? [i] : [];
  });
}
