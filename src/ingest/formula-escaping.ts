/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a comment such as `=HYPERLINK(…)` or
 * `+SUM(A1)` written to a CSV or XLSX cell runs as a formula when the file is opened in a
 * spreadsheet program. Exports therefore prefix such text with a single quote, which spreadsheets
 * show as text, and the importer removes exactly that prefix again, so export → import gives back
 * every string unchanged. To keep that true for text that itself begins with quotes followed by
 * a trigger (`'=already`), any run of leading quotes before a trigger gets one more quote.
 *
 *   escapeFormula("=1+1")     → "'=1+1"      unescapeFormula("'=1+1")     → "=1+1"
 *   escapeFormula("'=1+1")    → "''=1+1"     unescapeFormula("''=1+1")    → "'=1+1"
 *   escapeFormula("-5")       → "-5"  (a plain number is not a formula and stays a number)
 */

/** Leading quotes (possibly none), then a character that starts a formula or a hidden cell split. */
const TRIGGER = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;
/** A number as spreadsheets read it: negative scores and values stay numbers. */
const PLAIN_NUMBER = /^[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?$/i;

export function escapeFormula(text: string): string {
  if (!TRIGGER.test(text) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/** Undoes {@link escapeFormula}; text it would not have produced is returned as it is. */
export function unescapeFormula(text: string): string {
  return ESCAPED.test(text) ? text.slice(1) : text;
}
