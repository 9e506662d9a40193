import type { RecordKind } from "../domain/index.ts";
import { fieldsOf, resolveField } from "./column-aliases.ts";
import { foldKey } from "./field-values.ts";
import { readJsonl } from "./jsonl-reader.ts";
import { type NormalizeOptions, normalizeRecord } from "./record-normalizer.ts";
import type { SourceItem } from "./source-item.ts";

/**
 * JSONL lines → source items. Keys go through the same mapping and aliases as CSV headers, so
 * `{"asiakasnumero": …}` works in either format. Encounters are the one asymmetry: a JSON
 * encounter is whole (`id` + `turns`), whereas a CSV row is a turn carrying `encounter_id`.
 */
export async function* jsonlItems<K extends RecordKind>(
  chunks: AsyncIterable<string>,
  kind: K,
  mapping: Readonly<Record<string, string>> | undefined,
  normalize: NormalizeOptions,
): AsyncGenerator<SourceItem<K>> {
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
        problems: [{ field: "json", reason: parsed.reason }],
        raw: parsed.text,
      };
      continue;
    }
    const record = normalizeRecord(kind, canonical(parsed.value, fieldOf, kind), normalize);
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
  const exact = new Set([...fieldsOf(kind), "id", "turns"]);
  const entries = Object.entries(value);
  for (const [key, item] of entries) if (exact.has(key) && fieldOf(key) === key) out[key] = item;
  for (const [key, item] of entries) {
    const field = fieldOf(key);
    if (field !== null && !(field in out)) out[field] = item;
  }
  return out;
}
