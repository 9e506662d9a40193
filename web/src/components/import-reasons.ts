import type { MessageKey } from "../i18n/en.ts";
import type { I18n } from "../i18n/i18n-context.tsx";
import { importReasonsEn } from "../i18n/pages/import-reasons.ts";

/**
 * Why an imported row was rejected, in the page's language: each problem worded from its code and
 * parameters (src/domain/problem-codes.ts), its place named in the language too ("rivi 6"). A
 * problem without a code this page knows (a run stored before codes were kept, a newer server)
 * keeps the importer's English, as does a row with no problems listed.
 */
export interface ProblemLike {
  field: string;
  reason: string;
  code?: string | undefined;
  params?: Readonly<Record<string, string>> | undefined;
}

type Words = Pick<I18n, "t" | "num">;

function known(key: string): key is MessageKey {
  return Object.hasOwn(importReasonsEn, key);
}

/** Limits the English writes with thousands separators ("at most 100,000 characters"). */
const GROUPED = ["max", "min"] as const;
/** Parameters that name a kind of value, and the group of words they are worded from. */
const WORDED: Readonly<Record<string, string>> = { type: "type", given: "given", jsonType: "json" };

/** One problem's reason, without its field. */
export function reasonText(i18n: Words, problem: ProblemLike): string {
  const key = `import.reason.${problem.code}`;
  if (!problem.code || !known(key)) return problem.reason;
  const params = problem.params ?? {};
  const values: Record<string, string> = { ...params };
  for (const name of GROUPED) {
    const value = params[name];
    if (value !== undefined && /^\d+$/.test(value)) values[name] = i18n.num(Number(value), 0);
  }
  for (const [name, group] of Object.entries(WORDED)) {
    const word = `import.reasonWord.${group}.${params[name]}`;
    if (params[name] !== undefined && known(word)) values[name] = i18n.t(word);
  }
  // A control character: its code point, and its name when it has one ("U+0008 askelpalautin").
  if (params.char !== undefined && params.name !== undefined) {
    const word = `import.reasonWord.control.${params.name}`;
    const name = known(word) ? i18n.t(word) : params.name;
    values.char = name ? `${params.char} ${name}` : params.char;
  }
  // A reason that quotes another (a cue's unreadable time): worded from the inner code.
  if (params.inner !== undefined) {
    const inner = innerReason(i18n, params);
    if (inner === "") return problem.reason;
    values.inner = inner;
  }
  return i18n.t(key, values);
}

/** The reason an `inner` parameter names by its code, with the other parameters; "" for a code not known. */
export function innerReason(i18n: Words, params: Readonly<Record<string, string>>): string {
  const { inner: code, ...rest } = params;
  return reasonText(i18n, { field: "", reason: "", code, params: rest });
}

const PLACES: readonly [RegExp, MessageKey, readonly string[]][] = [
  [/^line (\d+)$/, "import.reasonField.line", ["line"]],
  [/^line (\d+): (.+)$/s, "import.reasonField.lineField", ["line", "field"]],
  [/^cue (\d+) \(line (\d+)\)$/, "import.reasonField.cue", ["cue", "line"]],
  [/^cue (\d+) \(line (\d+), ([\d:.]+)\)$/, "import.reasonField.cueAt", ["cue", "line", "at"]],
  [/^speaker (.+)$/s, "import.reasonField.speaker", ["speaker"]],
  [/^file$/, "import.reasonField.file", []],
  [/^json$/, "import.reasonField.json", []],
  [/^record$/, "import.reasonField.record", []],
];

/**
 * Where a problem is, in the page's language: the importer names a place in the file in one of a
 * few fixed forms ("line 6", "line 4: speaker", "cue 2 (line 6, 00:00:03.000)"); a field or column
 * stays as the file named it.
 */
export function fieldText(i18n: Words, field: string): string {
  for (const [pattern, key, names] of PLACES) {
    const match = pattern.exec(field);
    if (match) return i18n.t(key, Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ""])));
  }
  return field;
}

/** Every problem of a row, "field: reason; field: reason", or the row's stored English reason. */
export function problemsText(
  i18n: Words,
  row: { reason: string; problems?: readonly ProblemLike[] },
): string {
  if (!row.problems || row.problems.length === 0) return row.reason;
  return row.problems.map((p) => `${fieldText(i18n, p.field)}: ${reasonText(i18n, p)}`).join("; ");
}
