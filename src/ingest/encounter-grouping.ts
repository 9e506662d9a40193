import { because, type FieldProblem, nameKey, type Reason, reasonOf } from "../domain/index.ts";
import { fieldsOf } from "./column-aliases.ts";
import type { CsvRow } from "./csv-reader.ts";
import { parseInteger } from "./field-values.ts";
import { type NormalizeOptions, normalizeRecord } from "./record-normalizer.ts";
import { rawCells, type SourceItem } from "./source-item.ts";

/**
 * Encounter CSVs have one row per turn. Exports from ticketing and contact-centre tools often
 * sort by time, not by conversation, so an encounter's rows may be spread across the file: all
 * rows are buffered, grouped by encounter_id and emitted in first-seen order. An encounter is
 * imported whole or not at all — a transcript with a silently missing turn would skew its
 * analysis — so one bad row rejects its encounter, and the rejection names every bad line.
 */

/** Fields of one turn; every other encounter field (channel, started_at, team…) belongs to the encounter. */
const TURN_FIELDS = new Set(["encounter_id", "seq", "speaker", "text", "at"]);
const ENCOUNTER_LEVEL = fieldsOf("encounters").filter((f) => !TURN_FIELDS.has(f));

interface GroupRow {
  line: number;
  cells: string[];
  fields: Record<string, string>;
  /** Set when the row itself could not be read (wrong number of cells). */
  failure?: Reason;
}

interface Group {
  id: string;
  rows: GroupRow[];
}

export async function* groupEncounterRows(
  rows: AsyncIterable<CsvRow>,
  header: readonly string[],
  columns: readonly (string | null)[],
  opts: NormalizeOptions,
): AsyncGenerator<SourceItem<"encounters">> {
  const order: (Group | SourceItem<"encounters">)[] = [];
  const groups = new Map<string, Group>();
  for await (const row of rows) {
    const fields: Record<string, string> = {};
    columns.forEach((field, index) => {
      if (field !== null) fields[field] = row.cells[index] ?? "";
    });
    const id = fields.encounter_id?.trim() || opts.defaults?.encounter_id?.toString() || "";
    if (id === "") {
      const reason = row.ok
        ? because("encounter_id_required", "is required: every row needs the id of its encounter")
        : reasonOf(row);
      const field = row.ok ? "encounter_id" : `line ${row.line}`;
      order.push({
        line: row.line,
        ok: false,
        problems: [{ field, ...reason }],
        raw: rawCells(header, row.cells),
      });
      continue;
    }
    let group = groups.get(id);
    if (!group) {
      group = { id, rows: [] };
      groups.set(id, group);
      order.push(group);
    }
    group.rows.push({
      line: row.line,
      cells: row.cells,
      fields,
      ...(row.ok ? {} : { failure: reasonOf(row) }),
    });
  }
  for (const entry of order) yield "rows" in entry ? buildEncounter(entry, header, opts) : entry;
}

function buildEncounter(
  group: Group,
  header: readonly string[],
  opts: NormalizeOptions,
): SourceItem<"encounters"> {
  const problems: FieldProblem[] = [];
  const firstLine = group.rows[0]?.line ?? 0;
  const good = group.rows.filter((row) => {
    if (row.failure !== undefined) problems.push({ field: `line ${row.line}`, ...row.failure });
    return row.failure === undefined;
  });
  const raw: Record<string, unknown> = { id: group.id };
  const sourceLine = new Map<string, number>();
  for (const field of ENCOUNTER_LEVEL) {
    for (const row of good) {
      const value = row.fields[field]?.trim() ?? "";
      if (value === "") continue;
      // Compared as names are (domain/display-names.ts): "Laskutus" and "laskutus " agree.
      const first = raw[field];
      if (typeof first !== "string") {
        raw[field] = value;
        sourceLine.set(field, row.line);
      } else if (nameKey(first) !== nameKey(value)) {
        const line = sourceLine.get(field);
        const reason = `"${value}" differs from "${first}" on line ${line}; an encounter has one ${field}`;
        problems.push({
          field: `line ${row.line}: ${field}`,
          ...because("encounter_field_differs", reason, { value, first, line: String(line), field }),
        });
      }
    }
  }
  // A row with no speaker, text, seq or time carries encounter fields only: that is how an
  // encounter without turns (a visit logged without a transcript) is written in a per-turn CSV.
  const turnRows = good.filter((row) =>
    ["speaker", "text", "seq", "at"].some((f) => (row.fields[f]?.trim() ?? "") !== ""),
  );
  const ordered = orderTurns(turnRows, problems);
  raw.turns = ordered.map((row) => ({
    speaker: row.fields.speaker,
    text: row.fields.text ?? "",
    at: row.fields.at,
  }));
  const result = normalizeRecord("encounters", raw, opts);
  if (result.ok && problems.length === 0) return { line: firstLine, ok: true, record: result.record };
  if (!result.ok) {
    for (const problem of result.problems) problems.push(locate(problem, ordered, sourceLine));
  }
  return {
    line: firstLine,
    ok: false,
    id: group.id,
    problems,
    raw: rawCells(header, group.rows[0]?.cells ?? []),
    rawRows: group.rows.map((row) => ({ line: row.line, raw: rawCells(header, row.cells) })),
  };
}

/** By `seq` when every row has one (stable for equal values), otherwise in file order. */
function orderTurns(rows: GroupRow[], problems: FieldProblem[]): GroupRow[] {
  const seqs = new Map<GroupRow, number>();
  const seen = new Map<number, number>();
  for (const row of rows) {
    const text = row.fields.seq?.trim() ?? "";
    if (text === "") continue;
    const seq = parseInteger(text);
    if (!seq.ok) {
      problems.push({ field: `line ${row.line}: seq`, ...reasonOf(seq) });
      continue;
    }
    const earlier = seen.get(seq.value);
    if (earlier !== undefined) {
      problems.push({
        field: `line ${row.line}: seq`,
        ...because("seq_repeated", `${seq.value} is also used on line ${earlier}`, {
          seq: seq.value,
          line: earlier,
        }),
      });
    }
    seen.set(seq.value, row.line);
    seqs.set(row, seq.value);
  }
  if (seqs.size !== rows.length) return rows;
  return [...rows].sort((a, b) => (seqs.get(a) ?? 0) - (seqs.get(b) ?? 0));
}

/** `turns[3].speaker` → `line 17: speaker`; an encounter field → the line its value came from. */
function locate(problem: FieldProblem, ordered: GroupRow[], sourceLine: Map<string, number>): FieldProblem {
  const turn = /^turns\[(\d+)\](?:\.(.+))?$/.exec(problem.field);
  if (turn) {
    const line = ordered[Number(turn[1])]?.line;
    const field = turn[2] === undefined ? "" : `: ${turn[2]}`;
    return line === undefined ? problem : { ...problem, field: `line ${line}${field}` };
  }
  const line = sourceLine.get(problem.field);
  return line === undefined ? problem : { ...problem, field: `line ${line}: ${problem.field}` };
}
