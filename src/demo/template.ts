import { englishDate, finnishDate } from "./calendar.ts";
import type { Rng } from "./prng.ts";
import type { Language } from "./text-types.ts";

/** Values for the placeholders in the text banks, fixed per encounter so a conversation is consistent. */
export type FillContext = Record<string, string>;

const DAY_MS = 86_400_000;

/** "89,90 €" in Finnish, "€89.90" in English: amounts must survive redaction in both styles. */
export function formatEuro(amount: number, language: Language): string {
  const fixed = amount.toFixed(2);
  return language === "fi" ? `${fixed.replace(".", ",")} €` : `€${fixed}`;
}

export interface ContextInput {
  language: Language;
  startMs: number;
  waitSeconds: number | undefined;
  agentFirstName: string | undefined;
  customerFirstName: string;
  customerFullName: string;
  email: string;
  phone: string;
}

export function buildContext(rng: Rng, input: ContextInput): FillContext {
  const { language } = input;
  const fee = rng.pick([19.9, 24.9, 29.9, 34.9, 39.9, 49.9, 59.9, 89.9]);
  const wrong = fee + rng.pick([10, 15, 20, 30, 49.9, 60]);
  const fmtDate = language === "fi" ? finnishDate : englishDate;
  const waitMinutes =
    input.waitSeconds !== undefined && input.waitSeconds > 600
      ? Math.round(input.waitSeconds / 60)
      : rng.int(25, 55);
  return {
    amount: formatEuro(wrong, language),
    amount2: formatEuro(fee, language),
    invoice: String(rng.int(20_000_000, 99_999_999)),
    order: `T-${rng.int(100_000, 999_999)}`,
    date: fmtDate(input.startMs - rng.int(2, 20) * DAY_MS),
    future: fmtDate(input.startMs + rng.int(5, 30) * DAY_MS),
    wait: String(waitMinutes),
    phone: input.phone,
    email: input.email,
    customer: input.customerFirstName,
    fullname: input.customerFullName,
    queue: String(Math.max(1, Math.round((input.waitSeconds ?? 60) / 60))),
    agent: input.agentFirstName ?? (language === "fi" ? "Asiakaspalvelu" : "Customer Service"),
  };
}

/** Replaces {placeholders}; an unknown placeholder is a bug in a text bank, so it throws. */
export function fill(text: string, ctx: FillContext): string {
  const filled = text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = ctx[key];
    if (value === undefined) throw new Error(`text bank placeholder {${key}} has no value`);
    return value;
  });
  // a Finnish date "16.10." at the end of a sentence takes no second full stop
  return filled.replace(/(\d\.)\./g, "$1");
}

/** Glues sentences with single spaces, skipping empties. */
export function join(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== "").join(" ");
}

/** Prefixes a spoken discourse marker ("Joo, ") and lowercases the next word unless it is an acronym or
 *  the English "I". */
export function withFiller(filler: string, sentence: string): string {
  if (filler === "") return sentence;
  const second = sentence.charAt(1);
  const acronym = second !== "" && second === second.toUpperCase() && second !== second.toLowerCase();
  const keepCase = acronym || /^I\b/.test(sentence);
  const head = keepCase ? sentence.charAt(0) : sentence.charAt(0).toLowerCase();
  return `${filler}${head}${sentence.slice(1)}`;
}
