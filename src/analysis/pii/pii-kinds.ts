/** The kinds of personal data the redactor finds, most specific first (the order breaks ties). */
export const PII_KINDS = ["hetu", "iban", "card", "email", "phone", "address"] as const;

export type PiiKind = (typeof PII_KINDS)[number];

/** One finding: `start`/`end` are UTF-16 offsets into the ORIGINAL text, end exclusive. */
export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
}

/** The text with every finding replaced by its placeholder, and the findings in text order. */
export interface Redaction {
  redacted: string;
  pii: PiiMatch[];
}

/** The typed placeholder that replaces each kind in redacted text. */
export const PII_PLACEHOLDERS: Readonly<Record<PiiKind, string>> = Object.freeze({
  hetu: "[HETU]",
  iban: "[IBAN]",
  card: "[CARD]",
  email: "[EMAIL]",
  phone: "[PHONE]",
  address: "[ADDRESS]",
});

/** A detector returns candidate matches of its own kind; overlaps are resolved by the redactor. */
export type PiiDetector = (text: string) => PiiMatch[];
