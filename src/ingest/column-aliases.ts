import { fileError, type RecordKind } from "../domain/index.ts";
import { FIELD_TABLES } from "./column-alias-table.ts";
import { foldKey } from "./field-values.ts";

/**
 * The input field names of each record kind (snake_case, as in docs/formats.md) and the
 * column headers people actually export: Finnish and English, any case, with or without
 * accents or spaces. Exact canonical names always win over aliases, so a file with both
 * "id" and "tiketti" columns keeps "id" as the id.
 */

/** The canonical input fields of a kind, in documentation order. */
export function fieldsOf(kind: RecordKind): readonly string[] {
  return FIELD_TABLES[kind].fields;
}

/** The fields whose column a file of this kind must have. */
export function requiredFieldsOf(kind: RecordKind): readonly string[] {
  return FIELD_TABLES[kind].required;
}

/** Aliases of every field of a kind (for documentation and `--help`). */
export function aliasesOf(kind: RecordKind): Readonly<Record<string, readonly string[]>> {
  return FIELD_TABLES[kind].aliases;
}

const folded = new Map<RecordKind, Map<string, string>>();

function aliasTable(kind: RecordKind): Map<string, string> {
  let table = folded.get(kind);
  if (!table) {
    table = new Map();
    const { fields, aliases } = FIELD_TABLES[kind];
    for (const field of fields) {
      for (const alias of aliases[field] ?? []) {
        const key = foldKey(alias);
        if (!table.has(key)) table.set(key, field);
      }
    }
    // Canonical names are set last so that they beat any alias spelled the same.
    for (const field of fields) table.set(foldKey(field), field);
    folded.set(kind, table);
  }
  return table;
}

/** The canonical field a single header or JSON key stands for, or null when unknown. */
export function resolveField(kind: RecordKind, header: string): string | null {
  return aliasTable(kind).get(foldKey(header)) ?? null;
}

export interface ResolvedColumns {
  /** Per header cell: the canonical field it feeds, or null when it is ignored. */
  columns: (string | null)[];
  /** Header cells that matched no field (ignored, worth a warning). */
  unknown: string[];
  /** Required fields with no column. */
  missingRequired: string[];
  /** Header cells that matched a field another column already took (ignored). */
  duplicates: { header: string; field: string }[];
}

/**
 * Maps each header cell to a canonical field. An explicit mapping `{ "File Column": "field" }`
 * (matched case- and accent-insensitively) wins over aliases; map a column to "" to ignore it.
 * Throws `bad_request` when the mapping names a field the kind does not have, or maps two
 * columns to one field: those are mistakes in the mapping file, not in the data.
 */
export function resolveColumns(
  kind: RecordKind,
  headerCells: readonly string[],
  explicitMapping?: Readonly<Record<string, string>>,
): ResolvedColumns {
  const mapping = checkMapping(kind, explicitMapping ?? {});
  const columns: (string | null)[] = headerCells.map(() => null);
  const taken = new Map<string, number>();
  const claim = (index: number, field: string): void => {
    if (!taken.has(field)) {
      taken.set(field, index);
      columns[index] = field;
    }
  };
  const passes: ((header: string) => string | null | undefined)[] = [
    (header) => mapping.get(foldKey(header)),
    (header) => (fieldsOf(kind).includes(foldKey(header)) ? foldKey(header) : undefined),
    (header) => resolveField(kind, header),
  ];
  const explicit = new Set<number>();
  for (const [pass, resolve] of passes.entries()) {
    headerCells.forEach((header, index) => {
      if (columns[index] !== null || explicit.has(index)) return;
      const field = resolve(header);
      if (field === null || field === undefined) return;
      if (pass === 0) explicit.add(index);
      if (field !== "") claim(index, field);
    });
  }
  const unknown: string[] = [];
  const duplicates: { header: string; field: string }[] = [];
  headerCells.forEach((header, index) => {
    if (columns[index] !== null || explicit.has(index) || header.trim() === "") return;
    const field = resolveField(kind, header);
    if (field !== null) duplicates.push({ header, field });
    else unknown.push(header);
  });
  const missingRequired = FIELD_TABLES[kind].required.filter((field) => !taken.has(field));
  return { columns, unknown, missingRequired, duplicates };
}

function checkMapping(kind: RecordKind, mapping: Readonly<Record<string, string>>): Map<string, string> {
  const byHeader = new Map<string, string>();
  const byField = new Map<string, string>();
  for (const [header, rawField] of Object.entries(mapping)) {
    const field = rawField.trim();
    if (field !== "" && !fieldsOf(kind).includes(field)) {
      throw fileError(
        "bad_request",
        "mapping_not_field",
        `Column mapping: "${header}" is mapped to "${field}", which is not a field of ${kind}. ` +
          `Fields of ${kind}: ${fieldsOf(kind).join(", ")} (or "" to ignore the column).`,
        { field, kind },
      );
    }
    const previous = field === "" ? undefined : byField.get(field);
    if (previous !== undefined) {
      throw fileError(
        "bad_request",
        "mapping_field_twice",
        `Column mapping: both "${previous}" and "${header}" are mapped to "${field}"; map only one column to it.`,
        { field },
      );
    }
    if (field !== "") byField.set(field, header);
    byHeader.set(foldKey(header), field);
  }
  return byHeader;
}
