import { type FieldProblem, type RecordKind, reasonOf } from "../domain/index.ts";
import { fieldsOf, resolveField } from "./column-aliases.ts";
import { controlCharacterProblems, controlCharacterReason } from "./control-characters.ts";
import { foldKey } from "./field-values.ts";
import { readJsonl } from "./jsonl-reader.ts";
import { countingRepair, repairJson } from "./mojibake.ts";
import { type NormalizeOptions, type NormalizeResult, normalizeRecord } from "./record-normalizer.ts";
import type { SourceItem } from "./source-item.ts";

/**
 * JSONL lines → source items. Keys go through the same mapping and aliases as CSV headers, so
 * `{"asiakasnumero": …}` works in either format. Encounters are the one asymmetry: a JSON
 * encounter is whole (`id` + `turns`), whereas a CSV row is a turn carrying `encounter_id`.
 * Strings saved through a wrong encoding on the way are read as meant (mojibake.ts), as CSV cells
 * are, and counted in `repairs.cells`.
 */
export async function* jsonlItems<K extends RecordKind>(
  chunks: AsyncIterable<string>,
  kind: K,
  mapping: Readonly<Record<string, string>> | undefined,
  normalize: NormalizeOptions,
  repairs: { cells: number } = { cells: 0 },
): AsyncGenerator<SourceItem<K>> {
  const repair = countingRepair(repairs);
  const explicit = new Map(Object.entries(mapping ?? {}).map(([key, field]) => [foldKey(key), field.trim()]));
  const cache = new Map<string, string | null>();
  const fieldOf = (key: string): string | null => {
    let field = cache.get(key);
    if (field === undefined) {
      field = explicit.get(foldKey(key)) ?? resolveField(kind, key);
      if (field === "") field = null;
      if (kind === "encounters") {
        if (foldKey(key) === "turns") field = "turns";
        else if (field === "encounter_id") field = "id";
      }
      cache.set(key, field);
    }
    return field;
  };
  for await (const parsed of readJsonl(chunks)) {
    if (!parsed.ok) {
      yield {
        line: parsed.line,
        ok: false,
        problems: [{ field: "json", ...reasonOf(parsed) }],
        raw: parsed.text,
      };
      continue;
    }
    const value = repairJson(parsed.value, repair) as Record<string, unknown>;
    const record = normalizeJsonRecord(kind, canonical(value, fieldOf, kind), normalize);
    yield record.ok
      ? { line: parsed.line, ok: true, record: record.record }
      : { line: parsed.line, ...record, raw: parsed.text };
  }
}

/** Renames keys to canonical fields; an exact canonical key beats an alias of the same field. */
function canonical(
  value: Record<string, unknown>,
  fieldOf: (key: string) => string | null,
  kind: RecordKind,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const exact = fieldSetOf(kind);
  // Two passes over the keys without an entries array per line (a file's lines almost always
  // use the canonical names, which the first pass settles).
  let aliased = false;
  for (const key in value) {
    if (exact.has(key) && fieldOf(key) === key) out[key] = value[key];
    else aliased = true;
  }
  if (!aliased) return out;
  for (const key in value) {
    const field = fieldOf(key);
    if (field !== null && !(field in out)) out[field] = value[key];
  }
  return out;
}

/** The fields of a kind, plus `id` and `turns`: made once per kind, not per line. */
const FIELD_SETS = new Map<RecordKind, ReadonlySet<string>>();
function fieldSetOf(kind: RecordKind): ReadonlySet<string> {
  let set = FIELD_SETS.get(kind);
  if (!set) {
    set = new Set([...fieldsOf(kind), "id", "turns"]);
    FIELD_SETS.set(kind, set);
  }
  return set;
}

/**
 * A JSON record (a JSONL line or an API batch item) → a validated record. Text with control
 * characters in any field that is stored rejects the record, naming the field (`turns[1].text`),
 * together with whatever else is wrong with it; keys that are not fields are never looked at.
 */
export function normalizeJsonRecord<K extends RecordKind>(
  kind: K,
  value: Readonly<Record<string, unknown>>,
  normalize: NormalizeOptions,
): NormalizeResult<K> {
  const fields = fieldSetOf(kind);
  let control: FieldProblem[] = [];
  for (const key in value) {
    if (!fields.has(key)) continue;
    const item = value[key];
    // A clean string (nearly every value) is checked without making a list for it.
    if (typeof item === "string" ? controlCharacterReason(item) !== null : typeof item === "object")
      control = control.concat(controlCharacterProblems(item, key));
  }
  const result = normalizeRecord(kind, value, normalize);
  if (control.length === 0) return result;
  const blamed = new Set(control.map((problem) => problem.field.split(/[.[]/)[0]));
  const others = result.ok
    ? []
    : result.problems.filter((problem) => !blamed.has(problem.field.split(/[.[]/)[0]));
  const id = result.ok ? result.record.id : result.id;
  return { ok: false, ...(id === undefined ? {} : { id }), problems: [...control, ...others] };
}
