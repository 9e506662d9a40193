/**
 * Month arithmetic and Helsinki wall-clock time. The demo is about a Finnish contact centre, so the
 * opening hours are local; records store UTC instants, so we convert with the EU DST rule by hand
 * (deterministic, no timezone database needed).
 */

export interface MonthSpan {
  /** "YYYY-MM" */
  key: string;
  year: number;
  /** 1–12 */
  month: number;
  days: number;
}

export function parseMonth(key: string): { year: number; month: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!m) throw new Error(`endMonth must be "YYYY-MM" (got ${JSON.stringify(key)})`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The `count` months ending with `endMonth`, oldest first. */
export function monthRange(endMonth: string, count: number): MonthSpan[] {
  const end = parseMonth(endMonth);
  const out: MonthSpan[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const idx = end.year * 12 + (end.month - 1) - i;
    const year = Math.floor(idx / 12);
    const month = (idx % 12) + 1;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    out.push({ key: `${year}-${String(month).padStart(2, "0")}`, year, month, days });
  }
  return out;
}

/** Last Sunday of a month at 01:00 UTC: when EU summer time starts (March) or ends (October). */
function lastSundayUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0, 1));
  return last.getTime() - last.getUTCDay() * 86_400_000;
}

/** UTC offset of Europe/Helsinki at a UTC instant, in hours (2 in winter, 3 in summer). */
export function helsinkiOffsetHours(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSundayUtc(year, 3) && utcMs < lastSundayUtc(year, 10) ? 3 : 2;
}

/** UTC milliseconds for a Helsinki wall-clock time. */
export function helsinkiToUtcMs(year: number, month: number, day: number, seconds: number): number {
  const guess = Date.UTC(year, month - 1, day) + seconds * 1000;
  return guess - helsinkiOffsetHours(guess - 2 * 3_600_000) * 3_600_000;
}

/** UTC ISO 8601 with a "Z" offset ("2026-03-04T08:15:00.000Z"), the form `instant` in records.ts accepts. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Day of week (0 = Sunday) of a calendar date. */
export function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** "12.3." — how Finns write a day in running text. */
export function finnishDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()}.${d.getUTCMonth() + 1}.`;
}

const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "12 March" */
export function englishDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${EN_MONTHS[d.getUTCMonth()]}`;
}
