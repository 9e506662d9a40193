import type { PiiMatch } from "./pii-kinds.ts";

const LOCAL_CHAR = /[\p{L}\p{N}._%+'-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
/** RFC 5321 §4.5.3.1: local part at most 64 octets, domain at most 255. */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;

/**
 * E-mail addresses in the common "local@domain.tld" form (RFC 5322 dot-atoms, internationalised
 * letters allowed as in RFC 6531), found by expanding left and right from each "@" within the RFC 5321
 * length limits — linear time, where a plain regular expression backtracks quadratically on long words.
 * The domain needs at least two labels and an alphabetic top-level label of two or more letters.
 * Example: "kirjoita matti.meikalainen@example.fi!" → email at [9, 37).
 */
export function detectEmails(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  let lastEnd = 0;
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > lastEnd && at - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1] ?? "")) start--;
    while (start < at && (text[start] === "." || text[start] === "'")) start++;
    if (start === at || text[at - 1] === ".") continue;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end] ?? "")) end++;
    while (end > at + 1 && (text[end - 1] === "." || text[end - 1] === "-")) end--;
    if (!validDomain(text.slice(at + 1, end))) continue;
    found.push({ kind: "email", start, end });
    lastEnd = end;
  }
  return found;
}

function validDomain(domain: string): boolean {
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  if (labels.some((l) => l.length === 0 || l.length > 63 || l.startsWith("-") || l.endsWith("-")))
    return false;
  return /^\p{L}{2,}$/u.test(labels[labels.length - 1] ?? "");
}
