import fc from "fast-check";
import iconv from "iconv-lite";

/**
 * Generators of hostile and broken customer input for the property-based import tests: valid
 * values mixed with bad encodings, stray quotes, huge fields, control characters (NUL included),
 * formula and script strings, wrong types and missing fields. Every generated CSV row and JSONL
 * line is one row the importer must account for: stored, or rejected with a reason.
 */

const NASTY = [
  '=HYPERLINK("http://evil.example","click")',
  "+SUM(A1:A9)",
  "-1+1",
  "@cmd|' /C calc'!A0",
  "'=already escaped",
  "<script>alert(1)</script>",
  '"; DROP TABLE responses; --',
  "\u202Eevil\u202C",
  "\uFEFFbom inside",
  "\u{1F600}\u{1F4A9} emoji",
  "Ääkköset öljyä ja € merkki",
  "\\u0000 looks escaped",
  "null",
  "NaN",
  "-0",
  "1e999",
];

/** One control character, NUL most often (the case that used to refuse whole files). */
const control = fc.oneof(
  { weight: 3, arbitrary: fc.constant("\0") },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 31 }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.constant("\u007f") },
);

/** Free text: ordinary, hostile, huge, or with a control character somewhere inside. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), control, fc.string({ maxLength: 10 }))
      .map((p) => p.join("")),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("x", "ä", '"'), fc.constantFrom(5_000, 21_000))
      .map(([c, n]) => c.repeat(n)),
  },
);

const validInstant = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const finnishInstant = fc
  .tuple(
    fc.integer({ min: 1, max: 31 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 2020, max: 2030 }),
  )
  .map(([d, m, y]) => `${d}.${m}.${y} 10:15`);

const idText = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 400 }).map((n) => `fz-${n}`) },
  { weight: 1, arbitrary: nastyText },
  { weight: 1, arbitrary: fc.constant("") },
);

/** A value that is mostly right and sometimes wrong ("wrong types", junk, nothing). */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 10, arbitrary: good }, { weight: 1, arbitrary: bad });

/** Cell texts of a responses CSV, by column. Scores fit every survey kind when they are right. */
const RESPONSE_CELLS: Record<string, fc.Arbitrary<string>> = {
  id: mostly(idText, fc.oneof(nastyText, fc.constant(""))),
  answered_at: mostly(fc.oneof(validInstant, finnishInstant), nastyText),
  kind: mostly(fc.constantFrom("nps", "csat", "ces", "NPS"), nastyText),
  score: mostly(
    fc.integer({ min: 1, max: 5 }).map(String),
    fc.oneof(fc.constantFrom("9,5", "-1", "14", "", "kymmenen"), nastyText),
  ),
  comment: nastyText,
  channel: mostly(fc.constantFrom("puhelin", "chat", "email", ""), nastyText),
  team: mostly(fc.constantFrom("Laskutus", "Asiakaspalvelu Tampere", ""), nastyText),
  agent: mostly(fc.constantFrom("emma.w", "Matti M", ""), nastyText),
};

export const RESPONSE_COLUMNS = Object.keys(RESPONSE_CELLS);

/** How one generated CSV row is written: its cells, quoting, and whether some cells are missing. */
export interface CsvRowPlan {
  cells: string[];
  quoteAll: boolean;
  /** Cut the row to this many cells ("missing fields"), or null for a full row. */
  cutTo: number | null;
  /** Raw non-UTF-8 bytes to append to the comment (bad encodings). */
  badBytes: number[];
}

export const csvRowPlan: fc.Arbitrary<CsvRowPlan> = fc.record({
  cells: fc.tuple(...RESPONSE_COLUMNS.map((column) => RESPONSE_CELLS[column] as fc.Arbitrary<string>)),
  quoteAll: fc.boolean(),
  cutTo: fc.oneof(
    { weight: 11, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: RESPONSE_COLUMNS.length - 1 }) },
  ),
  badBytes: fc.oneof(
    { weight: 12, arbitrary: fc.constant<number[]>([]) },
    { weight: 1, arbitrary: fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 3 }) },
  ),
});

/**
 * A cell as a spreadsheet program might write it: quoted when it must be (or always), otherwise
 * raw, where a quote in the middle of a value is a stray quote the reader must survive.
 */
function csvCell(text: string, delimiter: string, quoteAll: boolean): string {
  const mustQuote = text.includes(delimiter) || /[\r\n]/.test(text) || /^\s*"/.test(text);
  return quoteAll || mustQuote ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A whole CSV file of `plans.length` data rows, as bytes. A row whose cells would all be blank
 * (which a reader rightly skips, as Excel leaves such rows behind) gets an id, so that every
 * generated row is a row offered to the importer.
 */
export function csvFile(
  plans: readonly CsvRowPlan[],
  options: { delimiter: ";" | ","; encoding: "utf-8" | "utf-8-bom" | "windows-1252" | "utf-16le-bom" },
): Buffer {
  const { delimiter } = options;
  const lines: Buffer[] = [];
  const encode = (text: string): Buffer =>
    options.encoding === "windows-1252"
      ? iconv.encode(text, "win1252")
      : options.encoding === "utf-16le-bom"
        ? iconv.encode(text, "utf16le")
        : Buffer.from(text, "utf8");
  lines.push(encode(`${RESPONSE_COLUMNS.join(delimiter)}\r\n`));
  const commentIndex = RESPONSE_COLUMNS.indexOf("comment");
  for (const plan of plans) {
    let cells = plan.cutTo === null ? [...plan.cells] : plan.cells.slice(0, plan.cutTo);
    if (cells.every((cell) => cell.trim() === "")) cells = ["fz-blank", ...cells.slice(1)];
    const written = cells.map((cell, index) => {
      const text = csvCell(cell, delimiter, plan.quoteAll);
      if (index !== commentIndex || plan.badBytes.length === 0 || options.encoding === "utf-16le-bom")
        return encode(text);
      // Raw bytes inside the quotes: no encoding produces them, which is the point.
      const quoted = text.startsWith('"') ? text : `"${text.replaceAll('"', '""')}"`;
      return Buffer.concat([encode(quoted.slice(0, -1)), Buffer.from(plan.badBytes), encode('"')]);
    });
    const parts: Buffer[] = [];
    written.forEach((cell, index) => {
      if (index > 0) parts.push(encode(delimiter));
      parts.push(cell);
    });
    parts.push(encode("\r\n"));
    lines.push(Buffer.concat(parts));
  }
  const body = Buffer.concat(lines);
  if (options.encoding === "utf-8-bom") return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
  if (options.encoding === "utf-16le-bom") return Buffer.concat([Buffer.from([0xff, 0xfe]), body]);
  return body;
}

/** Any JSON value, to put where a field expects something else ("wrong types"). */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

const field = (good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 12, arbitrary: good },
    { weight: 1, arbitrary: nastyText },
    { weight: 1, arbitrary: wrongType },
  );

/** A record with every field, then now and then one or two of them left out ("missing fields"). */
const withMissing = (shape: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.record(shape),
      fc.subarray(Object.keys(shape), { maxLength: 2 }),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([record, drop, chance]) => {
      if (chance > 0) return record;
      const out = { ...record };
      for (const key of drop) delete out[key];
      return out;
    });

/** A response, pulse answer or encounter as a JSON object, with bad and missing fields. */
export function jsonRecord(
  kind: "responses" | "pulse" | "encounters",
): fc.Arbitrary<Record<string, unknown>> {
  const base = {
    id: field(idText),
    team: field(fc.constantFrom("Laskutus", "Asiakaspalvelu Tampere", "tekninen-tuki")),
  };
  const turn = fc.record({
    speaker: field(fc.constantFrom("customer", "agent", "asiakas", "bot")),
    text: field(nastyText),
    at: field(fc.nat(600)),
  });
  const shapes = {
    responses: {
      ...base,
      answered_at: field(fc.oneof(validInstant, finnishInstant)),
      kind: field(fc.constantFrom("nps", "csat", "ces")),
      score: field(fc.integer({ min: 1, max: 5 })),
      comment: field(nastyText),
      channel: field(fc.constantFrom("chat", "puhelin", "email")),
    },
    pulse: {
      ...base,
      period: field(fc.constantFrom("2026-01", "2025-12", "13/2025")),
      score: field(fc.integer({ min: 0, max: 10 })),
      comment: field(nastyText),
    },
    encounters: {
      ...base,
      channel: field(fc.constantFrom("chat", "puhelin", "email")),
      started_at: field(fc.oneof(validInstant, finnishInstant)),
      turns: field(fc.array(turn, { maxLength: 4 })),
    },
  };
  return withMissing(shapes[kind]);
}

/** One JSONL line: a generated record, or a line that is not a JSON object at all. */
export function jsonlLine(kind: "responses" | "pulse" | "encounters"): fc.Arbitrary<string> {
  const broken = fc.oneof(
    jsonRecord(kind).map((record) => JSON.stringify(record).slice(0, -1)),
    jsonRecord(kind).map((record) => JSON.stringify(record).replace(/"/, "")),
    jsonRecord(kind).map((record) => `${JSON.stringify(record)}"`),
    fc.constantFrom(
      "[1,2]",
      "null",
      '"just a string"',
      "42",
      "{",
      "}",
      "{'single': 'quotes'}",
      '{"id":"fz-nul\0"}',
    ),
    fc.string({ maxLength: 30 }),
  );
  return (
    fc
      .oneof(
        { weight: 5, arbitrary: jsonRecord(kind).map((record) => JSON.stringify(record)) },
        { weight: 2, arbitrary: broken },
      )
      .map((line) => line.replace(/[\n\r]/g, " "))
      // A blank line is no row at all (skipped, as it should be): make it a broken row instead.
      .map((line) => (line.trim() === "" ? "{" : line))
  );
}

export type FuzzKind = "responses" | "pulse" | "encounters";

/** A kind, then a batch of `minLength`–80 generated values of that kind. */
export function batchOfKind<T>(
  make: (kind: FuzzKind) => fc.Arbitrary<T>,
  minLength: number,
): fc.Arbitrary<[FuzzKind, T[]]> {
  return fc
    .constantFrom<FuzzKind>("responses", "pulse", "encounters")
    .chain((kind) =>
      fc.tuple(fc.constant(kind), fc.array(make(kind), { minLength, maxLength: 80, size: "max" })),
    );
}
