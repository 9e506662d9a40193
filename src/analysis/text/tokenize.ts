/**
 * Tokenizer for Finnish, English and Swedish customer-service text, tuned for the hashed linear models:
 * every token carries a normalized form (`text`) that is stable across spelling noise.
 *
 * Normalization (why: the models hash these forms, so every variant we fold is one feature less to learn):
 * - lowercase; decomposed letters (a + U+0308) are recomposed to NFC first;
 * - a letter repeated three or more times is cut to two ("huonoooo" → "huonoo", "pleeease" → "pleease"),
 *   which keeps the spoken-Finnish long vowel ("huonoo" = huonoa) and folds all longer stretches;
 * - apostrophes ’ and ´ become ' ("don’t" → "don't"); colon case endings stay on their word ("EU:n" → "eu:n");
 * - URLs (with scheme, www. or a common top-level domain) → "<url>", e-mail addresses → "<email>";
 * - redaction placeholders such as "[PHONE]" are one token and keep their upper-case form;
 * - emoji are tokens (skin tones and variation selectors dropped, ZWJ sequences kept whole); text
 *   emoticons are folded to a canonical form (":-)", "=)" → ":)"; "xD", ":-D" → ":D");
 * - runs of sentence punctuation are one token ("!!!" → "!!", "?!?" → "?!", "…" → "...").
 *
 * Offsets (`start`, `end`) point into the text after NFC recomposition, which only differs from the input
 * when the input held decomposed letters.
 *
 * @example tokenize("EU:n laskut huonoooo 😡 www.elisa.fi").map((t) => t.text)
 *   // → ["eu:n", "laskut", "huonoo", "😡", "<url>"]
 */

export type TokenKind = "word" | "number" | "emoji" | "url" | "email" | "placeholder" | "punct" | "symbol";

export interface Token {
  /** Normalized form (see the module comment). */
  readonly text: string;
  readonly kind: TokenKind;
  /** UTF-16 offsets of the token in the (NFC) input. */
  readonly start: number;
  readonly end: number;
}

/** Longer words are cut: nothing useful is that long, and it bounds feature-string sizes. */
export const MAX_TOKEN_LENGTH = 64;

const TLDS = "fi|com|net|org|se|eu|io|info|app|ax|ee|de|uk|me|no|dk";
const L = String.raw`\p{L}\p{M}`;
const PARTS: readonly string[] = [
  // 1 placeholder written by redaction
  String.raw`(\[[A-Z][A-Z0-9_]{0,30}\])`,
  // 2 e-mail; bounded repeats keep the scan linear on hostile input
  String.raw`([${L}\p{N}._%+\-]{1,64}@[${L}\p{N}\-]{1,63}(?:\.[${L}\p{N}\-]{1,63}){1,5})`,
  // 3 URL: scheme or www., or a bare domain with a common top-level domain
  String.raw`((?:https?:\/\/|www\.)[^\s<>"'()\[\]]*[^\s<>"'()\[\].,!?;:]|[${L}\p{N}\-]{1,63}(?:\.[${L}\p{N}\-]{1,63}){0,5}\.(?:${TLDS})(?:\/[^\s<>"'()]*)?(?![${L}\p{N}]))`,
  // 4 text emoticon
  String.raw`((?:[:;=][\-'^]?[)(\]\[dDpPoO\/\\|*3]|<3|\^_?\^|-_-|(?<![${L}\p{N}])[xX][dD])(?![${L}\p{N}]))`,
  // 5 number: 12, 12,50, 1.5.2024, 12:30, 10/10
  String.raw`(\p{N}+(?:[.,:\/]\p{N}+)*)`,
  // 6 word, with inner apostrophes/hyphens and an optional colon case ending (EU:n, SMS:llä)
  String.raw`([${L}][${L}\p{N}]*(?:['’´\-][${L}\p{N}]+)*(?::[a-zåäö]{1,6}(?![${L}]))?)`,
  // 7 emoji: flag pair, or pictograph with modifiers and ZWJ continuations
  String.raw`(\p{Regional_Indicator}{2}|\p{Extended_Pictographic}[\p{Emoji_Modifier}\uFE0F\u20E3]*(?:\u200D\p{Extended_Pictographic}[\p{Emoji_Modifier}\uFE0F]*)*)`,
  // 8 sentence punctuation run
  "([.!?…]+)",
  // 9 other punctuation that bounds phrases
  String.raw`([,;:()"“”«»„–—\-])`,
  // 10 symbols that carry meaning
  "([€$£%])",
];
/**
 * The token pattern, and the same without the e-mail and/or URL alternatives for a text that cannot
 * hold them (no "@"; none of "://", "www." or "." before a top-level domain): those two are tried, and
 * fail, at the start of every word, scanning it twice more. Their groups stay, never matching, so the
 * group numbers and every match are the same as with the full pattern.
 */
const NEVER = "((?!))";
const tokenPattern = (email: boolean, url: boolean) =>
  new RegExp(
    PARTS.map((part, i) => ((i === 1 && !email) || (i === 2 && !url) ? NEVER : part)).join("|"),
    "gu",
  );
const TOKEN_RES: readonly RegExp[] = [
  tokenPattern(false, false),
  tokenPattern(true, false),
  tokenPattern(false, true),
  tokenPattern(true, true),
];
/** Every URL the pattern finds holds one of these (its scheme, "www." or the dot before its domain). */
const URL_MARK_RE = new RegExp(String.raw`:\/\/|www\.|\.(?:${TLDS})`);
const DECOMPOSED_RE = /[\u0300-\u036f]/;
const EMOJI_NOISE_RE = /\p{Emoji_Modifier}|\uFE0F/gu;

/**
 * Split `text` into normalized tokens. Linear in the input length (a 100k-character message is fine).
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  if (text.length === 0) return out;
  const src = DECOMPOSED_RE.test(text) ? text.normalize("NFC") : text;
  const re = TOKEN_RES[(src.includes("@") ? 1 : 0) + (URL_MARK_RE.test(src) ? 2 : 0)] as RegExp;
  re.lastIndex = 0;
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    let kind: TokenKind;
    let norm: string;
    if (m[6] !== undefined) {
      kind = "word";
      norm = normalizeWord(raw);
    } else if (m[8] !== undefined) {
      kind = "punct";
      norm = normalizeSentencePunct(raw);
    } else if (m[9] !== undefined) {
      kind = "punct";
      norm = raw === "“" || raw === "”" || raw === "«" || raw === "»" || raw === "„" ? '"' : raw;
    } else if (m[5] !== undefined) {
      kind = "number";
      norm = raw;
    } else if (m[7] !== undefined) {
      kind = "emoji";
      norm = raw.length > 2 || raw.includes("\uFE0F") ? raw.replace(EMOJI_NOISE_RE, "") : raw;
      if (norm.length === 0) norm = raw;
    } else if (m[4] !== undefined) {
      kind = "emoji";
      norm = normalizeEmoticon(raw);
    } else if (m[3] !== undefined) {
      kind = "url";
      norm = "<url>";
    } else if (m[2] !== undefined) {
      kind = "email";
      norm = "<email>";
    } else if (m[1] !== undefined) {
      kind = "placeholder";
      norm = raw;
    } else {
      kind = "symbol";
      norm = raw;
    }
    out.push({ text: norm, kind, start, end });
  }
  return out;
}

/** Lowercase, fold apostrophes, cut letter runs to two, cap the length. */
export function normalizeWord(raw: string): string {
  let s = raw.toLowerCase();
  if (s.includes("’") || s.includes("´")) s = s.replace(/[’´]/g, "'");
  s = collapseRepeats(s);
  return s.length > MAX_TOKEN_LENGTH ? s.slice(0, MAX_TOKEN_LENGTH) : s;
}

/** "huonoooo" → "huonoo": any character repeated 3+ times is kept twice. Returns `s` itself if unchanged. */
export function collapseRepeats(s: string): string {
  let i = 2;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === s.charCodeAt(i - 1) && c === s.charCodeAt(i - 2)) break;
  }
  if (i >= s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === s.charCodeAt(i - 1) && c === s.charCodeAt(i - 2)) continue;
    out += s[i];
  }
  return out;
}

function normalizeSentencePunct(raw: string): string {
  const q = raw.includes("?");
  const e = raw.includes("!");
  if (q && e) return "?!";
  if (q) return raw.length > 1 ? "??" : "?";
  if (e) return raw.length > 1 ? "!!" : "!";
  return raw.length > 1 || raw === "…" ? "..." : ".";
}

const EMOTICON_MOUTH: Readonly<Record<string, string>> = {
  ")": ")",
  "]": ")",
  "(": "(",
  "[": "(",
  d: "D",
  D: "D",
  p: "p",
  P: "p",
  o: "o",
  O: "o",
  "/": "/",
  "\\": "/",
  "|": "|",
  "*": "*",
  "3": "3",
};

function normalizeEmoticon(raw: string): string {
  if (raw === "<3" || raw === "-_-") return raw;
  if (raw.startsWith("^")) return "^^";
  if (raw.length === 2 && (raw[0] === "x" || raw[0] === "X")) return ":D";
  const eyes = raw[0] === ";" ? ";" : ":";
  const tear = raw.includes("'") ? "'" : "";
  const mouth = EMOTICON_MOUTH[raw[raw.length - 1] ?? ")"] ?? ")";
  return eyes + tear + mouth;
}
