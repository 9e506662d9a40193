import iconv from "iconv-lite";

/**
 * Text that was UTF-8, was read somewhere on the way as Windows-1252 and saved as UTF-8 again: every
 * "ä" becomes "Ã¤", "ö" "Ã¶", "€" "â‚¬", "’" "â€™". It happens to exports that pass through Excel
 * or an older system, and in Finnish it ruins nearly every word: the analysis reads "pÃ¤ivÃ¤" as an
 * unknown word, and a team "Myynti JyvÃ¤skylÃ¤" becomes a team of its own. Such a cell is turned
 * back: its characters, written as the Windows-1252 bytes they came from, are read as UTF-8.
 *
 * Only a cell that plainly is such text is changed: it has the marks of it ("Ã" or "Â" before a
 * character of the upper half of Windows-1252, or "â€" / "â‚"), every one of its characters has a
 * Windows-1252 byte, and the bytes are valid UTF-8. Text that merely contains "Ã" ("SÃO PAULO"),
 * or also a correct "ä", is left as it is.
 *
 * @example repairMojibake("HyvÃ¤Ã¤ pÃ¤ivÃ¤Ã¤") // → "Hyvää päivää"
 */

const MARKS = /[ÃÂ][\u00a0-\u00bf\u0080-\u009f€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|â€|â‚/;

/** Each Windows-1252 character's byte; the five bytes it leaves undefined map to the C1 controls of the same number. */
const BYTE_OF = new Map<string, number>();
for (let byte = 0x80; byte <= 0xff; byte++) {
  const char = iconv.decode(Buffer.from([byte]), "win1252");
  BYTE_OF.set(char === "\ufffd" ? String.fromCharCode(byte) : char, byte);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The text a double-encoded cell stood for, or the cell as it is (see the module comment). */
export function repairMojibake(text: string): string {
  if (!MARKS.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = code < 0x80 ? code : BYTE_OF.get(text[i] as string);
    if (byte === undefined) return text;
    bytes[i] = byte;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return text;
  }
}

/** repairMojibake, counting in `repairs.cells` the cells it changes (for the import's summary). */
export function countingRepair(repairs: { cells: number }): (cell: string) => string {
  return (cell) => {
    const repaired = repairMojibake(cell);
    if (repaired !== cell) repairs.cells++;
    return repaired;
  };
}

/**
 * `repair` applied to every string of a parsed JSON value, keys included (a JSON Lines file written by
 * a program that had read its UTF-8 text as Windows-1252: the strings carry the marks whether the file
 * writes "Ã¤" or escapes it as "\u00c3\u00a4"). Changes the value in place and returns it; an object
 * whose keys change is made anew, in the same key order.
 */
export function repairJson(value: unknown, repair: (text: string) => string): unknown {
  if (typeof value === "string") return repair(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = repairJson(value[i], repair);
    return value;
  }
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  let renamed: Map<string, string> | undefined;
  for (const key in object) {
    object[key] = repairJson(object[key], repair);
    const repaired = repair(key);
    if (repaired === key) continue;
    renamed ??= new Map();
    renamed.set(key, repaired);
  }
  if (!renamed) return object;
  const out: Record<string, unknown> = {};
  for (const key in object) out[renamed.get(key) ?? key] = object[key];
  return out;
}
