/**
 * A hand-written evaluative lexicon (models/sentiment-lexicon.json): word → polarity −3..3, with the
 * pattern syntax of the taxonomy ("pettyn*" matches pettynyt, pettyneenä; "*virhe*" matches inside
 * compounds). The linear models learn words from a few thousand sentences; the lexicon lets them
 * generalise to evaluative words that the corpus happens not to contain, through a handful of shared
 * features (see features.ts: "LEX_NEG", "LEX_POS2", …) whose weights the models learn.
 *
 * Example: new SentimentLexicon({ "turhautu*": -2 }).score("turhautuneena") → −2.
 */
export class SentimentLexicon {
  private readonly exact = new Map<string, number>();
  private readonly prefix = new Map<string, number>();
  private readonly prefixLengths: number[];
  private readonly infix: [string, number][] = [];
  private readonly cache = new Map<string, number>();

  constructor(entries: Readonly<Record<string, number>>) {
    for (const [key, value] of Object.entries(entries)) {
      const lead = key.startsWith("*");
      const trail = key.endsWith("*");
      const core = key.replace(/^\*+|\*+$/g, "").toLowerCase();
      if (core === "" || !Number.isFinite(value) || value === 0) continue;
      if (lead) this.infix.push([core, value]);
      else if (trail) this.prefix.set(core, value);
      else this.exact.set(core, value);
    }
    this.prefixLengths = [...new Set([...this.prefix.keys()].map((k) => k.length))].sort((a, b) => b - a);
  }

  /** Polarity of a lowercase word: exact entry, else the longest matching prefix, else an infix; 0 if none. */
  score(word: string): number {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    let value = this.exact.get(word) ?? 0;
    if (value === 0) {
      for (const n of this.prefixLengths) {
        if (n > word.length) continue;
        const v = this.prefix.get(word.slice(0, n));
        if (v !== undefined) {
          value = v;
          break;
        }
      }
    }
    if (value === 0) for (const [core, v] of this.infix) if (word.includes(core)) value = v;
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(word, value);
    return value;
  }
}

/** The feature a lexicon hit adds: sign and strength ("LEX_NEG2" for −2 or −3, "LEX_POS" for +1). */
export function lexiconFeature(value: number): string | null {
  if (value === 0) return null;
  return `${value < 0 ? "LEX_NEG" : "LEX_POS"}${Math.abs(value) >= 2 ? "2" : ""}`;
}
