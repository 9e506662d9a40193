import { because, type FieldProblem, type Reason } from "../domain/index.ts";

/**
 * Control characters in customer data. A NUL or a stray escape code inside one field is a damaged
 * ROW, not a damaged file: the row is rejected naming the field, and the rest still imports.
 * PostgreSQL cannot store NUL in text at all, and the other C0 codes and DEL only ever arrive by
 * accident (broken exports, binary garbage pasted into a form), so every stored text is free of
 * them. Tab, line feed and carriage return are ordinary text and pass.
 */

/** The names the reason gives a few characters; the `name` parameter is the same text. */
const NAMES: Readonly<Record<number, string>> = {
  0: "NUL",
  7: "BEL",
  8: "backspace",
  11: "vertical tab",
  12: "form feed",
  26: "SUB (end of file)",
  27: "ESC",
  127: "DEL",
};

function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

/** Why this text cannot be stored, or null when it is clean. The text itself is never quoted. */
export function controlCharacterReason(text: string): Reason | null {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isControl(code)) continue;
    const hex = code.toString(16).toUpperCase().padStart(4, "0");
    const name = NAMES[code] ?? "";
    const char = `U+${hex}${name ? ` ${name}` : ""}`;
    const reason = `contains a control character (${char}) at character ${index + 1}; remove it and import the row again`;
    return because("control_character", reason, { char: `U+${hex}`, name, position: index + 1 });
  }
  return null;
}

/**
 * Every string inside a JSON value, named by its path (`comment`, `turns[2].text`), that holds a
 * control character. Keys are the caller's business: only values are looked at.
 */
export function controlCharacterProblems(value: unknown, field: string): FieldProblem[] {
  if (typeof value === "string") {
    const reason = controlCharacterReason(value);
    return reason ? [{ field, ...reason }] : [];
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) => controlCharacterProblems(item, `${field}[${index}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => controlCharacterProblems(item, `${field}.${key}`));
  }
  return [];
}
