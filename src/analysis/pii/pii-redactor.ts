import { detectAddresses } from "./address-detector.ts";
import { detectCards } from "./card-detector.ts";
import { findDigitRuns } from "./digit-runs.ts";
import { detectEmails } from "./email-detector.ts";
import { detectHetus } from "./hetu-detector.ts";
import { detectIbans } from "./iban-detector.ts";
import { detectPhones } from "./phone-detector.ts";
import { PII_KINDS, PII_PLACEHOLDERS, type PiiKind, type PiiMatch, type Redaction } from "./pii-kinds.ts";

export interface RedactOptions {
  /** The kinds to look for; all of them when omitted. */
  kinds?: readonly PiiKind[];
}

/**
 * Replaces personal data in Finnish or English text with typed placeholders ("[HETU]", "[PHONE]", …)
 * and reports where each finding stood in the original text (UTF-16 offsets, end exclusive).
 *
 * Every detector proposes candidates; where candidates overlap, the longer one wins, and between equally
 * long ones the more specific kind (order of PII_KINDS: checksummed identifiers before phone numbers
 * and addresses). Text without findings comes back unchanged. All detectors are linear in the text
 * length (no backtracking regular expressions over unbounded input).
 *
 * Example: redact("Soita 040 123 4567 tai mailaa matti@example.fi")
 *   → { redacted: "Soita [PHONE] tai mailaa [EMAIL]",
 *       pii: [{ kind: "phone", start: 6, end: 18 }, { kind: "email", start: 30, end: 46 }] }
 */
export function redact(text: string, options: RedactOptions = {}): Redaction {
  const kinds = new Set<PiiKind>(options.kinds ?? PII_KINDS);
  const pii = resolveOverlaps(text.length, findCandidates(text, kinds));
  if (pii.length === 0) return { redacted: text, pii };
  let redacted = "";
  let at = 0;
  for (const match of pii) {
    redacted += text.slice(at, match.start) + PII_PLACEHOLDERS[match.kind];
    at = match.end;
  }
  return { redacted: redacted + text.slice(at), pii };
}

/** Every kind but e-mail needs an ASCII digit (a hetu's date, an IBAN's check digits, a house number…). */
const HAS_DIGIT = /[0-9]/;

function findCandidates(text: string, kinds: ReadonlySet<PiiKind>): PiiMatch[] {
  const candidates: PiiMatch[] = [];
  // Most messages have no digit: then only e-mail addresses are looked for.
  if (!HAS_DIGIT.test(text)) {
    if (kinds.has("email")) candidates.push(...detectEmails(text));
    return candidates;
  }
  const runs = kinds.has("card") || kinds.has("phone") ? findDigitRuns(text) : [];
  if (kinds.has("hetu")) candidates.push(...detectHetus(text));
  if (kinds.has("iban")) candidates.push(...detectIbans(text));
  if (kinds.has("card")) candidates.push(...detectCards(text, runs));
  if (kinds.has("email")) candidates.push(...detectEmails(text));
  if (kinds.has("phone")) candidates.push(...detectPhones(text, runs));
  if (kinds.has("address")) candidates.push(...detectAddresses(text));
  return candidates;
}

const RANK: Readonly<Record<PiiKind, number>> = Object.fromEntries(PII_KINDS.map((k, i) => [k, i])) as Record<
  PiiKind,
  number
>;

/**
 * Keeps the longest candidates, then the most specific, dropping any that overlap one already kept.
 * Occupancy is marked per code unit, so the cost is the total length of the candidates.
 */
function resolveOverlaps(length: number, candidates: PiiMatch[]): PiiMatch[] {
  if (candidates.length <= 1) return candidates;
  const ordered = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || RANK[a.kind] - RANK[b.kind] || a.start - b.start,
  );
  const taken = new Uint8Array(length);
  const kept: PiiMatch[] = [];
  for (const c of ordered) {
    let free = true;
    for (let i = c.start; i < c.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
