import {
  NPS_ANSWER_COLUMNS as C,
  type ListFilter,
  type NpsAnswerRow,
  parseThemeCodes,
  type Store,
} from "../store/index.ts";

/**
 * NPS answers held as columns (typed arrays), so that the theme and driver reports can pass over a
 * million answers several times in memory after reading them from the database once. The themes
 * of an answer are the union of its comment's and its encounter's: a customer who complained
 * about the bill on the phone is a billing answer even if the survey comment only says "bad".
 */
export interface AnswerTable {
  n: number;
  score: Uint8Array;
  /** Index into `months` (sorted YYYY-MM). */
  month: Uint16Array;
  months: string[];
  /** Index into `themeSets`: each distinct combination of themes is parsed once. */
  themeSet: Int32Array;
  themeSets: ThemeSet[];
  /** Theme ids in order of first appearance; ThemeSet entries index into it. */
  themes: string[];
  /** Minutes waited, capped at 60; NaN when unknown. */
  waitMinutes: Float32Array;
  /** Transfers, capped at 5; NaN when unknown. */
  transfers: Float32Array;
  /** 1/0; NaN when unknown (no encounter linked, or not recorded). */
  resolved: Float32Array;
  repeatContact: Float32Array;
}

/** The themes of one answer: parallel arrays of theme index and polarity (−1, 0, 1). */
export interface ThemeSet {
  theme: Int32Array;
  polarity: Int8Array;
}

export const WAIT_CAP_MINUTES = 60;
export const TRANSFER_CAP = 5;

/** Reads the NPS answers of the filter into an AnswerTable. */
export async function loadAnswerTable(store: Store, filter: ListFilter): Promise<AnswerTable> {
  const builder = new AnswerTableBuilder();
  await store.insights.scanNpsAnswers(filter, (row) => builder.add(row));
  return builder.build();
}

/** Accumulates answer rows into growable columns. Exported for tests and benchmarks. */
export class AnswerTableBuilder {
  private n = 0;
  private capacity = 1024;
  private score = new Uint8Array(this.capacity);
  private month = new Uint16Array(this.capacity);
  private themeSet = new Int32Array(this.capacity);
  private wait = new Float32Array(this.capacity);
  private transfers = new Float32Array(this.capacity);
  private resolved = new Float32Array(this.capacity);
  private repeat = new Float32Array(this.capacity);
  private readonly monthIndex = new Map<string, number>();
  private readonly setIndex = new Map<string, number>();
  private readonly sets: ThemeSet[] = [];
  private readonly themeIndex = new Map<string, number>();

  add(row: NpsAnswerRow): void {
    if (this.n === this.capacity) this.grow();
    const i = this.n++;
    this.score[i] = Number(row[C.score]);
    const monthKey = row[C.month] as string;
    let m = this.monthIndex.get(monthKey);
    if (m === undefined) {
      m = this.monthIndex.size;
      this.monthIndex.set(monthKey, m);
    }
    this.month[i] = m;
    this.themeSet[i] = this.themeSetOf(
      row[C.commentThemes] as string | null,
      row[C.encounterThemes] as string | null,
    );
    // Unknown (no linked encounter, or not recorded) is NaN; the driver design decides what to do with it.
    if (row[C.encounterLinked] === null) {
      this.wait[i] = Number.NaN;
      this.transfers[i] = Number.NaN;
      this.resolved[i] = Number.NaN;
      this.repeat[i] = Number.NaN;
      return;
    }
    const wait = row[C.waitSeconds] as number | null;
    const transfers = row[C.transfers] as number | null;
    const resolved = row[C.resolved] as number | null;
    const repeat = row[C.repeatContact] as number | null;
    this.wait[i] = wait === null ? Number.NaN : Math.min(wait / 60, WAIT_CAP_MINUTES);
    this.transfers[i] = transfers === null ? Number.NaN : Math.min(transfers, TRANSFER_CAP);
    this.resolved[i] = resolved === null ? Number.NaN : resolved ? 1 : 0;
    this.repeat[i] = repeat === null ? Number.NaN : repeat ? 1 : 0;
  }

  build(): AnswerTable {
    const n = this.n;
    // Months were numbered in order of appearance; renumber them in calendar order.
    const months = [...this.monthIndex.keys()].sort();
    const remap = new Uint16Array(months.length);
    for (const [month, idx] of this.monthIndex) remap[idx] = months.indexOf(month);
    const month = this.month.slice(0, n);
    for (let i = 0; i < n; i++) month[i] = remap[month[i] as number] as number;
    return {
      n,
      score: this.score.slice(0, n),
      month,
      months,
      themeSet: this.themeSet.slice(0, n),
      themeSets: this.sets,
      themes: [...this.themeIndex.keys()],
      waitMinutes: this.wait.slice(0, n),
      transfers: this.transfers.slice(0, n),
      resolved: this.resolved.slice(0, n),
      repeatContact: this.repeat.slice(0, n),
    };
  }

  /** A negative mention anywhere makes the theme negative for the answer; else positive beats neutral. */
  private themeSetOf(comment: string | null, encounter: string | null): number {
    const key = `${comment ?? ""}|${encounter ?? ""}`;
    const known = this.setIndex.get(key);
    if (known !== undefined) return known;
    const merged = new Map<number, number>();
    for (const [theme, polarity] of [...parseThemeCodes(comment), ...parseThemeCodes(encounter)]) {
      let t = this.themeIndex.get(theme);
      if (t === undefined) {
        t = this.themeIndex.size;
        this.themeIndex.set(theme, t);
      }
      const seen = merged.get(t);
      merged.set(t, seen === undefined ? polarity : mergePolarity(seen, polarity));
    }
    const set: ThemeSet = {
      theme: Int32Array.from(merged.keys()),
      polarity: Int8Array.from(merged.values()),
    };
    this.sets.push(set);
    this.setIndex.set(key, this.sets.length - 1);
    return this.sets.length - 1;
  }

  private grow(): void {
    this.capacity *= 2;
    const grown = <T extends Uint8Array | Uint16Array | Int32Array | Float32Array>(
      a: T,
      make: new (n: number) => T,
    ): T => {
      const b = new make(this.capacity);
      b.set(a);
      return b;
    };
    this.score = grown(this.score, Uint8Array);
    this.month = grown(this.month, Uint16Array);
    this.themeSet = grown(this.themeSet, Int32Array);
    this.wait = grown(this.wait, Float32Array);
    this.transfers = grown(this.transfers, Float32Array);
    this.resolved = grown(this.resolved, Float32Array);
    this.repeat = grown(this.repeat, Float32Array);
  }
}

function mergePolarity(a: number, b: number): number {
  if (a < 0 || b < 0) return -1;
  return a > 0 || b > 0 ? 1 : 0;
}

/** Promoter (+1), passive (0) or detractor (−1) for a 0–10 score. */
export function npsClass(score: number): -1 | 0 | 1 {
  return score >= 9 ? 1 : score <= 6 ? -1 : 0;
}
