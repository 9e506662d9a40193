/**
 * A memo for a pure function of one word (a spoken form's fold, a compound's parts, the patterns a
 * word can start): customer-service vocabulary repeats, so most words are looked up, not computed.
 * Bounded: emptied when full, which lets the words in use come back at once without an LRU's
 * bookkeeping on every hit.
 *
 * @example const fold = memoByWord((w) => w.toUpperCase(), 10_000); fold("lasku") // → "LASKU", computed once
 */
export function memoByWord<V>(compute: (word: string) => V, size = 50_000): (word: string) => V {
  const memo = new Map<string, V>();
  return (word) => {
    const hit = memo.get(word);
    if (hit !== undefined) return hit;
    const value = compute(word);
    if (memo.size >= size) memo.clear();
    memo.set(word, value);
    return value;
  };
}
