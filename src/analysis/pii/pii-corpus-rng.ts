/**
 * Test support for the generated PII corpus: a seeded PRNG and checksum helpers written independently
 * of the detectors (BigInt mod 97, a separate Luhn), so the corpus does not share the detectors' bugs.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** `n` random decimal digits (the first may be 0). */
  digits(n: number): string;
}

/** Mulberry32 (Tommy Ettinger, public domain): 32-bit state, good enough to vary test data. */
export function makeRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    chance: (p) => next() < p,
    digits: (n) => Array.from({ length: n }, () => String(int(0, 9))).join(""),
  };
}

/** The digit that completes `partial` to a Luhn-valid number. */
export function luhnCompletion(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** The two IBAN check digits for a country and BBAN (ISO 13616: 98 − (BBAN‖CC‖"00" mod 97)). */
export function ibanCheckDigits(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.toUpperCase().replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return String(98n - (BigInt(numeric) % 97n)).padStart(2, "0");
}

/** The Finnish personal identity code check character for DDMMYY and the individual number. */
export function hetuCheck(ddmmyy: string, individual: string): string {
  return "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt(Number(ddmmyy + individual) % 31);
}

/** Finnish bank reference number check digit (weights 7, 3, 1 from the right; Finanssiala's standard). */
export function finnishReferenceCheck(base: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += Number(base[base.length - 1 - i]) * (weights[i % 3] ?? 1);
  return String((10 - (sum % 10)) % 10);
}

/** Splits `s` into groups of `size` from the left (IBAN, cards) or from the right (FI references). */
export function grouped(s: string, size: number, fromRight = false, sep = " "): string {
  const out: string[] = [];
  if (fromRight) {
    for (let end = s.length; end > 0; end -= size) out.unshift(s.slice(Math.max(0, end - size), end));
  } else {
    for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  }
  return out.join(sep);
}

/** A sentence with `{x}` replaced, and where the replacement landed. */
export function fill(template: string, value: string): { text: string; start: number; end: number } {
  const start = template.indexOf("{x}");
  if (start < 0) throw new Error(`template without {x}: ${template}`);
  return { text: template.replace("{x}", value), start, end: start + value.length };
}
