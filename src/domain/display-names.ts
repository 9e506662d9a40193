import { z } from "zod";
import { because, type Reason } from "./problem-codes.ts";

/**
 * Names as people write them: teams, agents, channels, touchpoints and segments. Organisations
 * name these with spaces, capitals and ä/ö ("Asiakaspalvelu Tampere", "Yritysasiakkaat / Oulu"),
 * so any printable text is a valid name. It is stored as written (its display form) and
 * compared by its key, so "Laskutus" and "laskutus " are one team.
 */

/** The dimensions whose values are names; each has its own key space in `dimension_names`. */
export const NAME_DIMENSIONS = ["team", "agent", "channel", "touchpoint", "segment"] as const;
export type NameDimension = (typeof NAME_DIMENSIONS)[number];

export const NAME_MAX_LENGTH = 200;

// Whitespace (tab, line breaks, no-break spaces) is folded into one space; any other control
// character (NUL, ESC, DEL, C1) or a lone surrogate is not text someone typed, so it is refused.
const CONTROL = /[\p{Cc}\p{Cs}]/u;

export type NameResult = { ok: true; value: string } | ({ ok: false } & Reason);

/**
 * The display form of a name: Unicode NFC, trimmed, each run of whitespace one space.
 * Refuses control characters and names longer than NAME_MAX_LENGTH, saying which and where.
 *
 *   normalizeName("  Asiakaspalvelu\u00a0 Tampere ") → "Asiakaspalvelu Tampere"
 */
export function normalizeName(text: string): NameResult {
  const value = text.normalize("NFC").replace(/\s+/gu, " ").trim();
  const control = CONTROL.exec(value);
  if (control) {
    const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
    const at = control.index + 1;
    const reason = `must not contain control characters (found U+${code} at character ${at})`;
    return { ok: false, ...because("name_control_character", reason, { char: `U+${code}`, position: at }) };
  }
  if (value === "") return { ok: false, ...because("not_empty", "must not be empty") };
  if ([...value].length > NAME_MAX_LENGTH) {
    const reason = `must be at most ${NAME_MAX_LENGTH} characters`;
    return { ok: false, ...because("too_long", reason, { max: NAME_MAX_LENGTH }) };
  }
  return { ok: true, value };
}

/**
 * The stable key a name is compared by: its display form lower-cased (ä and ö stay themselves).
 * Total: text that is not a valid name still gets a key, so a filter for it simply matches nothing.
 *
 *   nameKey("Laskutus") === nameKey("laskutus ") === "laskutus"
 */
export function nameKey(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase().normalize("NFC");
}

/** Whether two names are the same team, agent, … as far as filters and access are concerned. */
export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  return a != null && b != null && nameKey(a) === nameKey(b);
}

/** A name field of a domain record: validated and brought to its display form. */
export const nameSchema = z.string().transform((text, ctx) => {
  const result = normalizeName(text);
  if (result.ok) return result.value;
  ctx.addIssue({
    code: "custom",
    message: result.reason,
    params: { code: result.code, params: result.params },
  });
  return z.NEVER;
});
