/**
 * Leave one dev set out (tone-cv.ts, multilabel-cv.ts): the theme dev sets of a language one by one,
 * each with the lines of all the others, and the three readings of each set pooled.
 */
import type { Utterance } from "./corpus.ts";

/** Each theme dev set (themes-dev-N, in N's order) with its lines and every other set's lines. */
export function byDevSet(
  dev: readonly Utterance[],
): { set: string; lines: Utterance[]; others: Utterance[] }[] {
  const setOf = (u: Utterance) => u.source.replace(/\.jsonl:\d+$/, "");
  const sets = [...new Set(dev.map(setOf))].sort(
    (a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]),
  );
  return sets.map((set) => ({
    set,
    lines: dev.filter((u) => setOf(u) === set),
    others: dev.filter((u) => setOf(u) !== set),
  }));
}

/** A set's gold labels and its readings by the shipped, the retrained and the leave-one-set-out model. */
export interface Readings<T> {
  gold: T[];
  shipped: T[];
  retrained: T[];
  loo: T[];
}

/** Every set's readings, appended. */
export class Pooled<T> implements Readings<T> {
  gold: T[] = [];
  shipped: T[] = [];
  retrained: T[] = [];
  loo: T[] = [];
  add(r: Readings<T>): Readings<T> {
    this.gold.push(...r.gold);
    this.shipped.push(...r.shipped);
    this.retrained.push(...r.retrained);
    this.loo.push(...r.loo);
    return r;
  }
}
