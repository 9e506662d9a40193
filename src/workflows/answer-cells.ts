import { assignGroup } from "../stats/bootstrap.ts";
import { NPS_ANSWER_COLUMNS as C, type NpsAnswerRow, parseThemeCodes } from "../store/index.ts";

/**
 * NPS answers summarised as sufficient statistics: everything the theme and driver reports need,
 * held as one Float64 vector per bootstrap group of answers. The same vectors are what the report
 * cube stores per month × team × channel × bucket (store/cube-repository.ts), so a report reads a few
 * thousand vectors instead of a million rows, and computes the same figures either way.
 *
 * Layout of a vector for T themes (CellLayout):
 * - 11 score counts (0…10);
 * - per theme, 11 score counts of the answers that mention it (any tone);
 * - 6 extras: per operational factor the answers where it is known and not 0, then the answers that
 *   waited 5 minutes or less and those not transferred (for the drivers' performance);
 * - the upper triangle of Σ z zᵀ for z = [1, score, theme polarities (T), operational values where
 *   known (4), unknown flags (4)]: the moments of any driver design that codes themes by polarity and
 *   imputes an unknown operational value by a mean (x = value·known + mean·unknown is linear in z).
 *
 * The themes of an answer are the union of its comment's and its encounter's: a customer who
 * complained about the bill on the phone is a billing answer even if the comment only says "bad".
 */
export const OPERATIONAL = ["waitMinutes", "transfers", "repeatContact", "resolved"] as const;
export type Operational = (typeof OPERATIONAL)[number];

export const WAIT_CAP_MINUTES = 60;
export const TRANSFER_CAP = 5;
/** Waited at most this many minutes: a good wait. */
export const GOOD_WAIT_MINUTES = 5;
/** Bootstrap groups of answers (see stats/bootstrap.ts). */
export const CELL_GROUPS = 200;

export class CellLayout {
  /** Columns of z: intercept, score, T themes, 4 values, 4 unknown flags. */
  readonly d: number;
  readonly length: number;
  private readonly themeBase = 11;
  private readonly extraBase: number;
  private readonly momentBase: number;

  constructor(readonly themes: number) {
    this.d = themes + 10;
    this.extraBase = 11 + 11 * themes;
    this.momentBase = this.extraBase + 6;
    this.length = this.momentBase + (this.d * (this.d + 1)) / 2;
  }

  themeScore(theme: number, score: number): number {
    return this.themeBase + 11 * theme + score;
  }

  /** 0–3: known and not 0, per operational factor; 4: good waits; 5: not transferred. */
  extra(k: number): number {
    return this.extraBase + k;
  }

  /** z column of a theme's polarity, an operational value, an unknown flag. */
  zTheme(theme: number): number {
    return 2 + theme;
  }
  zValue(op: number): number {
    return 2 + this.themes + op;
  }
  zUnknown(op: number): number {
    return 6 + this.themes + op;
  }

  /** Σ z_i z_j (either order). */
  moment(i: number, j: number): number {
    const [a, b] = i <= j ? [i, j] : [j, i];
    return this.momentBase + a * this.d - (a * (a - 1)) / 2 + (b - a);
  }
}

/** One answer, decoded: score, theme indices (ascending) with their merged polarity, four values (NaN unknown). */
export interface DecodedAnswer {
  score: number;
  themes: Int32Array;
  polarity: Int8Array;
  values: Float64Array;
}

/**
 * Turns answer rows into DecodedAnswers, parsing each distinct combination of theme codes once.
 * `indexOf` gives a theme id its column (the cube's stable index, or first appearance).
 */
export class AnswerDecoder {
  private readonly sets = new Map<string, { themes: Int32Array; polarity: Int8Array }>();
  private readonly answer: DecodedAnswer = {
    score: 0,
    themes: new Int32Array(0),
    polarity: new Int8Array(0),
    values: new Float64Array(4),
  };

  constructor(private readonly indexOf: (theme: string) => number) {}

  decode(row: NpsAnswerRow): DecodedAnswer {
    const a = this.answer;
    a.score = Number(row[C.score]);
    const comment = row[C.commentThemes] as string | null;
    const encounter = row[C.encounterThemes] as string | null;
    const key = `${comment ?? ""}|${encounter ?? ""}`;
    let set = this.sets.get(key);
    if (set === undefined) {
      set = this.parse(comment, encounter);
      this.sets.set(key, set);
    }
    a.themes = set.themes;
    a.polarity = set.polarity;
    const v = a.values;
    if (row[C.encounterLinked] === null || row[C.encounterLinked] === undefined) {
      v.fill(Number.NaN);
      return a;
    }
    const wait = row[C.waitSeconds] as number | null;
    const transfers = row[C.transfers] as number | null;
    const repeat = row[C.repeatContact] as number | null;
    const resolved = row[C.resolved] as number | null;
    v[0] = wait === null || wait === undefined ? Number.NaN : Math.min(wait / 60, WAIT_CAP_MINUTES);
    v[1] = transfers === null || transfers === undefined ? Number.NaN : Math.min(transfers, TRANSFER_CAP);
    v[2] = repeat === null || repeat === undefined ? Number.NaN : repeat ? 1 : 0;
    v[3] = resolved === null || resolved === undefined ? Number.NaN : resolved ? 1 : 0;
    return a;
  }

  /** A negative mention anywhere makes the theme negative for the answer; else positive beats neutral. */
  private parse(comment: string | null, encounter: string | null) {
    const merged = new Map<number, number>();
    for (const [theme, polarity] of [...parseThemeCodes(comment), ...parseThemeCodes(encounter)]) {
      const t = this.indexOf(theme);
      const seen = merged.get(t);
      merged.set(t, seen === undefined ? polarity : mergePolarity(seen, polarity));
    }
    const themes = Int32Array.from([...merged.keys()].sort((x, y) => x - y));
    return { themes, polarity: Int8Array.from(themes, (t) => merged.get(t) as number) };
  }
}

function mergePolarity(a: number, b: number): number {
  if (a < 0 || b < 0) return -1;
  return a > 0 || b > 0 ? 1 : 0;
}

let zIndex = new Int32Array(64);
let zValue = new Float64Array(64);

/** Adds one answer to a vector of `layout` (every theme index must be below layout.themes). */
export function addAnswer(vec: Float64Array, layout: CellLayout, a: DecodedAnswer): void {
  if (a.themes.length + 10 > zIndex.length) {
    zIndex = new Int32Array(2 * (a.themes.length + 10));
    zValue = new Float64Array(zIndex.length);
  }
  const score = a.score;
  vec[score] = (vec[score] as number) + 1;
  // The non-zero entries of z in ascending column order, then their pairwise products.
  let m = 0;
  zIndex[m] = 0;
  zValue[m++] = 1;
  if (score !== 0) {
    zIndex[m] = 1;
    zValue[m++] = score;
  }
  for (let k = 0; k < a.themes.length; k++) {
    const t = a.themes[k] as number;
    const at = layout.themeScore(t, score);
    vec[at] = (vec[at] as number) + 1;
    const p = a.polarity[k] as number;
    if (p !== 0) {
      zIndex[m] = layout.zTheme(t);
      zValue[m++] = p;
    }
  }
  const v = a.values;
  for (let op = 0; op < 4; op++) {
    const x = v[op] as number;
    if (Number.isNaN(x) || x === 0) continue;
    zIndex[m] = layout.zValue(op);
    zValue[m++] = x;
    const e = layout.extra(op);
    vec[e] = (vec[e] as number) + 1;
  }
  for (let op = 0; op < 4; op++) {
    if (!Number.isNaN(v[op] as number)) continue;
    zIndex[m] = layout.zUnknown(op);
    zValue[m++] = 1;
  }
  if (!Number.isNaN(v[0] as number) && (v[0] as number) <= GOOD_WAIT_MINUTES) {
    const e = layout.extra(4);
    vec[e] = (vec[e] as number) + 1;
  }
  if (!Number.isNaN(v[1] as number) && (v[1] as number) <= 0) {
    const e = layout.extra(5);
    vec[e] = (vec[e] as number) + 1;
  }
  for (let i = 0; i < m; i++) {
    const zi = zIndex[i] as number;
    const vi = zValue[i] as number;
    for (let j = i; j < m; j++) {
      const at = layout.moment(zi, zIndex[j] as number);
      vec[at] = (vec[at] as number) + vi * (zValue[j] as number);
    }
  }
}

/** `vec` laid out for `from.themes` themes, re-laid for `to` (at least as many), added into `out`. */
export function addWidened(out: Float64Array, to: CellLayout, vec: Float64Array, from: CellLayout): void {
  if (from.themes === to.themes) {
    for (let i = 0; i < vec.length; i++) out[i] = (out[i] as number) + (vec[i] as number);
    return;
  }
  for (let s = 0; s < 11; s++) out[s] = (out[s] as number) + (vec[s] as number);
  for (let t = 0; t < from.themes; t++)
    for (let s = 0; s < 11; s++) {
      const at = to.themeScore(t, s);
      out[at] = (out[at] as number) + (vec[from.themeScore(t, s)] as number);
    }
  for (let k = 0; k < 6; k++) {
    const at = to.extra(k);
    out[at] = (out[at] as number) + (vec[from.extra(k)] as number);
  }
  const map = (z: number) => (z < 2 + from.themes ? z : z + (to.themes - from.themes));
  for (let i = 0; i < from.d; i++)
    for (let j = i; j < from.d; j++) {
      const at = to.moment(map(i), map(j));
      out[at] = (out[at] as number) + (vec[from.moment(i, j)] as number);
    }
}

/** The answers of a report: theme ids (column order), the layout, and one vector per bootstrap group. */
export interface AnswerCells {
  themes: string[];
  layout: CellLayout;
  groups: Float64Array[];
  /** Σ of the groups. */
  total: Float64Array;
}

/**
 * Vectors by key that share one layout, widened (every vector at once) when a theme index beyond it
 * turns up. `exact` widens to just the themes needed (what the cube stores); otherwise it doubles.
 */
export class GrowingVectors {
  layout: CellLayout;
  readonly vectors = new Map<string | number, Float64Array>();

  constructor(
    themes: number,
    private readonly exact = false,
  ) {
    this.layout = new CellLayout(themes);
  }

  get(key: string | number): Float64Array {
    let v = this.vectors.get(key);
    if (v === undefined) {
      v = new Float64Array(this.layout.length);
      this.vectors.set(key, v);
    }
    return v;
  }

  /** Makes room for theme index `t`. */
  ensure(t: number): void {
    if (t < this.layout.themes) return;
    const wider = new CellLayout(this.exact ? t + 1 : Math.max(t + 1, 2 * this.layout.themes));
    for (const [key, v] of this.vectors) {
      const out = new Float64Array(wider.length);
      addWidened(out, wider, v, this.layout);
      this.vectors.set(key, out);
    }
    this.layout = wider;
  }
}

/** Answers scanned row by row: rows fall into CELL_GROUPS random groups by their position. */
export class AnswerCellsBuilder {
  private readonly index = new Map<string, number>();
  private readonly groups = new GrowingVectors(8);
  private readonly decoder = new AnswerDecoder((theme) => {
    let t = this.index.get(theme);
    if (t === undefined) {
      t = this.index.size;
      this.index.set(theme, t);
      this.groups.ensure(t);
    }
    return t;
  });
  private n = 0;

  add(row: NpsAnswerRow): void {
    const a = this.decoder.decode(row);
    addAnswer(this.groups.get(assignGroup(this.n++, CELL_GROUPS)), this.groups.layout, a);
  }

  build(): AnswerCells {
    const groups = Array.from({ length: CELL_GROUPS }, (_, g) => this.groups.get(g));
    return compact([...this.index.keys()], this.groups.layout, groups);
  }
}

/**
 * Drops the themes no answer mentions (a cube knows every theme ever seen; a selection holds some)
 * and sums the total. Themes keep their relative order.
 */
export function compact(themes: string[], layout: CellLayout, groups: Float64Array[]): AnswerCells {
  const total = new Float64Array(layout.length);
  for (const g of groups)
    for (let i = 0; i < g.length; i++) total[i] = (total[i] as number) + (g[i] as number);
  const keep: number[] = [];
  for (let t = 0; t < Math.min(themes.length, layout.themes); t++) {
    let mentions = 0;
    for (let s = 0; s < 11; s++) mentions += total[layout.themeScore(t, s)] as number;
    if (mentions > 0) keep.push(t);
  }
  const to = new CellLayout(keep.length);
  const zMap = (z: number): number => {
    if (z < 2) return z;
    if (z < 2 + layout.themes) {
      const k = keep.indexOf(z - 2);
      return k < 0 ? -1 : 2 + k;
    }
    return z - layout.themes + to.themes;
  };
  const zs = Array.from({ length: layout.d }, (_, z) => zMap(z));
  const project = (vec: Float64Array): Float64Array => {
    const out = new Float64Array(to.length);
    for (let s = 0; s < 11; s++) out[s] = vec[s] as number;
    keep.forEach((t, k) => {
      for (let s = 0; s < 11; s++) out[to.themeScore(k, s)] = vec[layout.themeScore(t, s)] as number;
    });
    for (let k = 0; k < 6; k++) out[to.extra(k)] = vec[layout.extra(k)] as number;
    for (let i = 0; i < layout.d; i++) {
      const a = zs[i] as number;
      if (a < 0) continue;
      for (let j = i; j < layout.d; j++) {
        const b = zs[j] as number;
        if (b < 0) continue;
        out[to.moment(a, b)] = vec[layout.moment(i, j)] as number;
      }
    }
    return out;
  };
  return {
    themes: keep.map((t) => themes[t] as string),
    layout: to,
    groups: groups.map(project),
    total: project(total),
  };
}

/** Promoter (+1), passive (0) or detractor (−1) for a 0–10 score. */
export function npsClass(score: number): -1 | 0 | 1 {
  return score >= 9 ? 1 : score <= 6 ? -1 : 0;
}
