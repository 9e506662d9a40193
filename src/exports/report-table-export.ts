import { stringify } from "csv-stringify/sync";
import { escapeFormula } from "../ingest/formula-escaping.ts";

/**
 * A report's table flattened to rows, for CSV and XLSX downloads of what a dashboard table shows.
 * The input is the report exactly as the JSON route serves it to the caller (suppressed for
 * viewers, managers and agents), so an export never holds a figure the JSON did not: a group below
 * the privacy floor is a row with its key, `suppressed` true, and every figure empty.
 *
 * One table per report: score and response-rate reports give the overall row (`by` = "all") and a
 * row per group; themes a row per theme; drivers a row per driver; exlink a row per team and month;
 * consistency a row per channel. Localized names are `name_fi` and `name_en`.
 */
export type Cell = string | number | boolean | null;
export type TableRow = Record<string, Cell>;

export interface ReportTable {
  columns: readonly string[];
  rows: TableRow[];
}

type Obj = Record<string, unknown>;

const ESTIMATE = ["estimate", "low", "high", "n"] as const;
const COMPARISON = (p: string) =>
  [`${p}_difference`, `${p}_low`, `${p}_high`, `${p}_p`, `${p}_significant`] as const;

const SCORE_COLUMNS = [
  "by",
  "group",
  ...ESTIMATE,
  "promoters",
  "passives",
  "detractors",
  "se",
  "sd",
  ...COMPARISON("vs_rest"),
  ...COMPARISON("change"),
  "warning",
  "suppressed",
];

const COLUMNS: Record<string, readonly string[]> = {
  nps: SCORE_COLUMNS,
  csat: SCORE_COLUMNS,
  ces: SCORE_COLUMNS,
  enps: SCORE_COLUMNS,
  "response-rate": ["by", "group", ...ESTIMATE, "invited", "answered", "warning", "suppressed"],
  themes: [
    "theme",
    "name_fi",
    "name_en",
    "volume",
    "share",
    "tone_negative",
    "tone_neutral",
    "tone_positive",
    "answers",
    "nps",
    "nps_low",
    "nps_high",
    "nps_n",
    "nps_impact",
    "nps_impact_low",
    "nps_impact_high",
    "nps_impact_significant",
    "nps_impact_warning",
    "emerging_month",
    "suppressed",
  ],
  drivers: [
    "driver",
    "name_fi",
    "name_en",
    "importance",
    "low",
    "high",
    "share",
    "beta",
    "n",
    "performance",
    "quadrant",
    "quadrant_fi",
    "quadrant_en",
    "suppressed",
  ],
  exlink: ["team", "month", "enps", "enps_n", "nps", "nps_n", "tone", "encounters", "suppressed"],
  consistency: [
    "channel",
    "nps",
    "nps_low",
    "nps_high",
    "nps_n",
    "tone",
    "tone_low",
    "tone_high",
    "tone_n",
    "suppressed",
  ],
};

/** The reports that can be exported as a table: every report of the registry. */
export const TABLE_REPORTS = Object.keys(COLUMNS);

/** A figure as a cell: NaN and ±Infinity (null in JSON) are empty. */
function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function obj(v: unknown): Obj {
  return v && typeof v === "object" ? (v as Obj) : {};
}

function suppressed(o: Obj): boolean {
  return o.suppressed === true;
}

function names(o: Obj, key = "name", prefix = "name"): TableRow {
  const n = obj(o[key]);
  return {
    [`${prefix}_fi`]: typeof n.fi === "string" ? n.fi : null,
    [`${prefix}_en`]: typeof n.en === "string" ? n.en : null,
  };
}

function estimate(o: Obj, prefix?: string): TableRow {
  const key = (k: string) => (prefix ? `${prefix}_${k}` : k);
  return {
    [prefix ?? "estimate"]: num(o.value),
    [key("low")]: num(o.low),
    [key("high")]: num(o.high),
    [key("n")]: typeof o.n === "number" ? o.n : null,
  };
}

function comparison(c: unknown, prefix: string): TableRow {
  if (!c || typeof c !== "object") return {};
  const o = c as Obj;
  return {
    [`${prefix}_difference`]: num(o.difference),
    [`${prefix}_low`]: num(o.low),
    [`${prefix}_high`]: num(o.high),
    [`${prefix}_p`]: num(o.pValue),
    [`${prefix}_significant`]: typeof o.significant === "boolean" ? o.significant : null,
  };
}

function text(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

function scoreRows(report: Obj): TableRow[] {
  const by = text(report.by);
  const figures = (o: Obj): TableRow =>
    suppressed(o)
      ? { suppressed: true }
      : {
          ...estimate(o),
          promoters: num(o.promoters),
          passives: num(o.passives),
          detractors: num(o.detractors),
          se: num(o.se),
          sd: num(o.sd),
          ...comparison(o.vsRest, "vs_rest"),
          ...comparison(o.change, "change"),
          warning: text(o.warning),
          suppressed: false,
        };
  const rows: TableRow[] = [{ by: "all", group: null, ...figures(report) }];
  for (const g of (report.groups as Obj[] | undefined) ?? []) {
    rows.push({ by, group: text(g.group), ...figures(g) });
  }
  const previous = report.previous as Obj | undefined;
  if (previous) {
    const estimateOf = suppressed(previous) ? previous : obj(previous.estimate);
    rows.push({
      by: "previous",
      group: `${text(previous.from)}/${text(previous.to)}`,
      ...figures(estimateOf),
      ...(suppressed(previous) ? {} : comparison(previous.change, "change")),
    });
  }
  return rows;
}

function rateRows(report: Obj): TableRow[] {
  const figures = (o: Obj): TableRow =>
    suppressed(o)
      ? { suppressed: true }
      : {
          ...estimate(o),
          invited: num(o.invited),
          answered: num(o.answered),
          warning: text(o.warning),
          suppressed: false,
        };
  return [
    { by: "all", group: null, ...figures(report) },
    ...((report.groups as Obj[] | undefined) ?? []).map((g) => ({
      by: text(report.by),
      group: text(g.group),
      ...figures(g),
    })),
  ];
}

function themeRows(report: Obj): TableRow[] {
  return ((report.themes as Obj[] | undefined) ?? []).map((t) => {
    const head = { theme: text(t.theme), ...names(t) };
    if (suppressed(t)) return { ...head, suppressed: true };
    const tone = obj(t.tone);
    const impact = obj(t.npsImpact);
    return {
      ...head,
      volume: num(t.volume),
      share: num(t.share),
      tone_negative: num(tone.negative),
      tone_neutral: num(tone.neutral),
      tone_positive: num(tone.positive),
      answers: num(t.answers),
      ...estimate(obj(t.nps), "nps"),
      ...estimate(impact, "nps_impact"),
      nps_impact_significant: typeof impact.significant === "boolean" ? impact.significant : null,
      nps_impact_warning: text(impact.warning),
      emerging_month: text(obj(t.emerging).month),
      suppressed: false,
    };
  });
}

function driverRows(report: Obj): TableRow[] {
  return ((report.drivers as Obj[] | undefined) ?? []).map((d) => {
    const head = { driver: text(d.driver), ...names(d) };
    if (suppressed(d)) return { ...head, suppressed: true };
    return {
      ...head,
      importance: num(d.importance),
      low: num(d.low),
      high: num(d.high),
      share: num(d.share),
      beta: num(d.beta),
      n: num(d.n),
      performance: num(d.performance),
      quadrant: text(d.quadrant),
      ...names(d, "quadrantName", "quadrant"),
      suppressed: false,
    };
  });
}

function exlinkRows(report: Obj): TableRow[] {
  return ((report.series as Obj[] | undefined) ?? []).map((s) => {
    const head = { team: text(s.team), month: text(s.month) };
    if (suppressed(s)) return { ...head, suppressed: true };
    return {
      ...head,
      enps: num(s.enps),
      enps_n: num(s.enpsN),
      nps: num(s.nps),
      nps_n: num(s.npsN),
      tone: num(s.tone),
      encounters: num(s.encounters),
      suppressed: false,
    };
  });
}

function consistencyRows(report: Obj): TableRow[] {
  return ((report.channels as Obj[] | undefined) ?? []).map((c) => {
    const head = { channel: text(c.channel) };
    if (suppressed(c)) return { ...head, suppressed: true };
    return {
      ...head,
      ...estimate(obj(c.nps), "nps"),
      ...estimate(obj(c.tone), "tone"),
      suppressed: false,
    };
  });
}

const ROWS: Record<string, (report: Obj) => TableRow[]> = {
  nps: scoreRows,
  csat: scoreRows,
  ces: scoreRows,
  enps: scoreRows,
  "response-rate": rateRows,
  themes: themeRows,
  drivers: driverRows,
  exlink: exlinkRows,
  consistency: consistencyRows,
};

/**
 * The table of a report as served (already suppressed for the caller). Every row has every column;
 * a figure that is not there (suppressed, not computable) is null.
 */
export function reportTable(name: string, report: unknown): ReportTable {
  const columns = COLUMNS[name];
  const rowsOf = ROWS[name];
  if (!columns || !rowsOf) throw new Error(`no table export for report ${name}`);
  const rows = rowsOf(obj(report)).map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
  return { columns, rows };
}

/** A cell as written: text that a spreadsheet would run as a formula is neutralised; numbers stay numbers. */
function cell(v: Cell): Cell {
  return typeof v === "string" ? escapeFormula(v) : v;
}

export function tableCsv(table: ReportTable): string {
  return stringify(
    table.rows.map((r) => table.columns.map((c) => cell(r[c] ?? null))),
    {
      header: true,
      columns: [...table.columns],
      cast: { boolean: (b) => (b ? "true" : "false") },
    },
  );
}

export async function tableXlsx(table: ReportTable, sheetName: string): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = table.columns.map((c) => ({
    header: c,
    key: c,
    width: c.startsWith("name_") || c === "group" || c === "warning" ? 28 : 14,
  }));
  for (const r of table.rows) sheet.addRow(table.columns.map((c) => cell(r[c] ?? null)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const TABLE_CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/**
 * A table as a file to download, `name.csv` or `name.xlsx` (one sheet called `name`). With `bom`, the
 * CSV starts with a byte-order mark, so Excel reads ä and ö right when it opens the file.
 */
export async function tableDownload(
  table: ReportTable,
  format: keyof typeof TABLE_CONTENT_TYPES,
  name: string,
  options: { bom?: boolean } = {},
): Promise<Response> {
  const body =
    format === "xlsx"
      ? new Uint8Array(await tableXlsx(table, name))
      : `${options.bom ? "\uFEFF" : ""}${tableCsv(table)}`;
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": TABLE_CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${name}.${format}"`,
    },
  });
}
