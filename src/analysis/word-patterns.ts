import { type Token, tokenize } from "./text/tokenize.ts";
import { memoByWord } from "./text/word-memo.ts";

/**
 * Word patterns for labels (themes in models/taxonomy.json, agent behaviours in
 * models/behaviours.json), matched on word tokens.
 * A pattern is words separated by spaces; `*` at a word's end matches any ending ("lasku*":
 * laskun, laskutus), at its start any beginning ("*lasku*": sähkölaskussa) — the simplest syntax
 * that covers Finnish inflection and compounds, and that a CX analyst can edit without regexes.
 *
 * Thousands of patterns are indexed by their first word (exact words and prefixes in hash maps,
 * infixes in one alternation), so a text costs a few map lookups per token, not a scan per pattern.
 *
 * Example: patterns {billing: ["lasku*", "double charge*"]} find billing in "Laskussa on virhe".
 */
type WordKind = "exact" | "prefix" | "suffix" | "contains";

interface WordMatcher {
  kind: WordKind;
  core: string;
}

/** A label and its patterns per language, as the editable JSON files hold them. */
export interface PatternedLabel {
  id: string;
  patterns?: Partial<Record<"fi" | "en", string[]>>;
}

interface CompiledPattern {
  theme: string;
  words: WordMatcher[];
}

interface LanguageIndex {
  exact: Map<string, CompiledPattern[]>;
  prefix: Map<string, CompiledPattern[]>;
  prefixLengths: number[];
  /** First words with a leading `*`: found inside a token by one alternation, longest first. */
  infix: RegExp | null;
  infixPatterns: Map<string, CompiledPattern[]>;
  /** For each infix core, the shorter cores it starts with: the alternation reports only the longest at a position. */
  shorterCores: Map<string, string[]>;
  themeOrder: Map<string, number>;
  /** The patterns a word could start (candidatesOf), remembered per word. */
  candidates: (word: string) => readonly CompiledPattern[];
}

export class WordPatterns {
  private readonly index: Record<"fi" | "en", LanguageIndex>;

  constructor(labels: readonly PatternedLabel[]) {
    this.index = { fi: buildIndex(labels, "fi"), en: buildIndex(labels, "en") };
  }

  /** Label ids whose patterns occur in the text, in the labels' order. */
  match(text: string, lang: "fi" | "en"): string[] {
    return this.matchTokens(tokenize(text), lang);
  }

  matchTokens(tokens: readonly Token[], lang: "fi" | "en"): string[] {
    const index = this.index[lang];
    const words: string[] = [];
    for (const t of tokens) if (t.kind === "word" || t.kind === "number") words.push(t.text);
    const found = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      for (const c of index.candidates(words[i] as string))
        if (!found.has(c.theme) && restMatches(c.words, words, i)) found.add(c.theme);
    }
    return [...found].sort((a, b) => (index.themeOrder.get(a) ?? 0) - (index.themeOrder.get(b) ?? 0));
  }
}

const NO_CANDIDATES: readonly CompiledPattern[] = Object.freeze([]);

/**
 * The patterns whose first word matches `w` (exact, prefix, infix): the per-word part of matching,
 * remembered per word (buildIndex), since customer-service vocabulary repeats and the infix scan is
 * the costly part.
 */
function candidatesOf(index: LanguageIndex, w: string): readonly CompiledPattern[] {
  const out: CompiledPattern[] = [];
  const add = (list: CompiledPattern[] | undefined) => {
    if (list) for (const c of list) out.push(c);
  };
  add(index.exact.get(w));
  for (const n of index.prefixLengths) {
    if (n > w.length) break;
    add(index.prefix.get(w.slice(0, n)));
  }
  if (index.infix) {
    index.infix.lastIndex = 0;
    for (let m = index.infix.exec(w); m; m = index.infix.exec(w)) {
      add(index.infixPatterns.get(m[0]));
      for (const shorter of index.shorterCores.get(m[0]) ?? []) add(index.infixPatterns.get(shorter));
      index.infix.lastIndex = m.index + 1; // overlapping cores ("lasku", "laskutus") both count
    }
  }
  return out.length > 0 ? out : NO_CANDIDATES;
}

function buildIndex(labels: readonly PatternedLabel[], lang: "fi" | "en"): LanguageIndex {
  const index: LanguageIndex = {
    exact: new Map(),
    prefix: new Map(),
    prefixLengths: [],
    infix: null,
    infixPatterns: new Map(),
    shorterCores: new Map(),
    themeOrder: new Map(labels.map((t, i) => [t.id, i])),
    candidates: () => NO_CANDIDATES,
  };
  const add = (map: Map<string, CompiledPattern[]>, key: string, p: CompiledPattern) => {
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  };
  for (const theme of labels) {
    for (const source of theme.patterns?.[lang] ?? []) {
      const words = parsePattern(source);
      const first = words[0];
      if (!first) continue;
      const compiled = { theme: theme.id, words };
      if (first.kind === "exact") add(index.exact, first.core, compiled);
      else if (first.kind === "prefix") add(index.prefix, first.core, compiled);
      else add(index.infixPatterns, first.core, compiled);
    }
  }
  index.prefixLengths = [...new Set([...index.prefix.keys()].map((k) => k.length))].sort((a, b) => a - b);
  const cores = [...index.infixPatterns.keys()].sort((a, b) => b.length - a.length);
  // No u flag: cores are plain letters (ä, ö, å are single code units), and the flag slows the scan.
  if (cores.length > 0) index.infix = new RegExp(cores.map(escapeRegExp).join("|"), "g");
  for (const core of cores) {
    const shorter = cores.filter((c) => c.length < core.length && core.startsWith(c));
    if (shorter.length > 0) index.shorterCores.set(core, shorter);
  }
  index.candidates = memoByWord((w) => candidatesOf(index, w));
  return index;
}

/** "*lasku* on" → [{contains "lasku"}, {exact "on"}]. */
export function parsePattern(pattern: string): WordMatcher[] {
  return pattern
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.replace(/\*/g, "") !== "")
    .map((w) => {
      const lead = w.startsWith("*");
      const trail = w.endsWith("*");
      const core = w.replace(/^\*+|\*+$/g, "");
      const kind: WordKind = lead && trail ? "contains" : lead ? "suffix" : trail ? "prefix" : "exact";
      return { kind, core };
    });
}

function wordMatches(m: WordMatcher, w: string): boolean {
  switch (m.kind) {
    case "exact":
      return w === m.core;
    case "prefix":
      return w.startsWith(m.core);
    case "suffix":
      return w.endsWith(m.core);
    case "contains":
      return w.includes(m.core);
  }
}

/** Whether every word of the pattern matches the tokens starting at `at` (the first is re-checked: infix hits may be suffix patterns). */
function restMatches(pattern: readonly WordMatcher[], words: readonly string[], at: number): boolean {
  if (at + pattern.length > words.length) return false;
  for (let k = 0; k < pattern.length; k++)
    if (!wordMatches(pattern[k] as WordMatcher, words[at + k] as string)) return false;
  return true;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
