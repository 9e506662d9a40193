/**
 * The parts of a long message that are read one by one: what the writer wrote (not the quoted
 * previous messages below a reply header, not the signature), cut into sentences.
 *
 * - Quoted lines ("> …") are skipped wherever they are; everything from a reply or forward header
 *   ("On … wrote:", "ke 2.12.2026 klo 10.12 … kirjoitti:", "-----Original Message-----", "From:",
 *   "Lähettäjä:") on is the earlier thread, and everything from a device footer ("Sent from my
 *   iPhone", "Lähetetty iPhonesta") or a signature delimiter ("-- ") on is the signature.
 * - A sign-off line ("Ystävällisin terveisin", "Best regards", "Terveisin Matti") ends the message
 *   when at most SIGNATURE_LINES lines follow it (a name, a title, a phone number); so does a
 *   sign-off that ends the last line after a sentence ("… Kiitos. Terveisin Matti"), as in an
 *   e-mail whose line breaks an export flattened.
 * - Sentences come from Intl.Segmenter (ICU's rules: abbreviations such as "esim." and decimal
 *   points do not end a sentence). A line break ends a sentence, except inside a hard-wrapped
 *   paragraph (the next line goes on in lower case), as e-mail clients wrap at 72 characters.
 * - Speech recognised to text has no punctuation: a stretch of more than ASR_MAX_WORDS words with no
 *   sentence punctuation is cut where talk turns ("mutta", "sitten", "no", "but", "so", "and then"),
 *   at least ASR_MIN_WORDS words apart, or at ASR_MAX_WORDS words if the talk never turns.
 *
 * Spans are offsets into the given text, so a caller can show or store them without copying it.
 *
 * @example sentenceSpans("Lasku oli väärin. Asia korjattiin.\n\nTerveisin\nMatti", "fi")
 *   // → [{ start: 0, end: 17 }, { start: 18, end: 34 }]
 */

export interface TextSpan {
  start: number;
  end: number;
}

/** At most this many lines may follow a sign-off for it to count as the signature's start. */
const SIGNATURE_LINES = 6;
/** An unpunctuated stretch longer than this is cut (speech-to-text output). */
const ASR_MAX_WORDS = 25;
/** Cuts at turning words are at least this many words apart. */
const ASR_MIN_WORDS = 6;

const REPLY_HEADER = [
  /^-{2,}\s*(original message|alkuperäinen viesti|forwarded message|välitetty viesti|ursprungligt meddelande)/i,
  /^(on|le|am|den)\s.{4,200}\s(wrote|a écrit|schrieb|skrev):\s*$/i,
  /^.{0,200}\s(kirjoitti|wrote|skrev)\s*:\s*$/i,
  /^(from|lähettäjä|från|lähetetty|sent)\s*:\s*\S/i,
  /^_{8,}\s*$/,
];
const FOOTER = [
  /^--\s*$/,
  /^(sent from my|get outlook for|lähetetty (iphone|android|puhelime|mobiili|outlook)|hanki outlook)/i,
];
/** The formulas a sign-off starts with (a regular expression's alternatives). */
const SIGN_OFF_FORMULAS =
  "ystävällisin terveisin|ystävällisesti|parhain terveisin|terveisin|terv\\.?|t\\.|kiittäen|yst\\. terv\\.?|best regards|kind regards|warm regards|regards|best wishes|best|cheers|sincerely|yours sincerely|yours faithfully|br|med vänliga hälsningar|mvh|hälsningar";
/** A sign-off's formula at the start of a line; what follows it is read by SIGNATURE_NAME. */
const SIGN_OFF_FORMULA = new RegExp(`^(${SIGN_OFF_FORMULAS})(?![\\p{L}\\p{N}])\\s*[,.!]?\\s*`, "iu");
/**
 * Up to four capitalised words (a name, a company) or placeholders of redacted contact details,
 * and nothing else. Case-sensitive, unlike the formula: with the `i` flag `\p{Lu}` would match
 * any letter, and "Best price I found" would end a message.
 */
const SIGNATURE_NAME =
  /^((\p{Lu}[\p{L}.'’-]*|\[[A-Z]+\])([\s,]+(\p{Lu}[\p{L}.'’-]*|\[[A-Z]+\])){0,3})?[\s,.]*$/u;

/** Whether a line is a sign-off: "Ystävällisin terveisin", "Best regards, John Smith", "Terveisin Matti". */
function isSignOff(line: string): boolean {
  const formula = SIGN_OFF_FORMULA.exec(line);
  return formula !== null && SIGNATURE_NAME.test(line.slice(formula[0].length));
}

/** A sentence end followed by a sign-off formula: the cheap test before inlineSignOff. */
const SIGN_OFF_HINT = new RegExp(`[.!?…]["”)]*\\s+(${SIGN_OFF_FORMULAS})(?![\\p{L}\\p{N}])`, "iu");

/**
 * Whether messageBody could leave anything out of a text: it has lines (a thread, a signature), or
 * it may end with a sign-off after a sentence. The analyzer reads other texts whole without asking.
 */
export function mayHaveNonBody(text: string): boolean {
  return text.includes("\n") || SIGN_OFF_HINT.test(text);
}

/**
 * Where a sign-off starts in a line that goes on after a sentence of the message ("… Kiitos
 * etukäteen. Ystävällisin terveisin, Matti"), as when an export flattens an e-mail's line
 * breaks; -1 without one. Only a sign-off that ends the line counts.
 */
function inlineSignOff(line: string): number {
  if (!SIGN_OFF_HINT.test(line)) return -1;
  for (const m of line.matchAll(/[.!?…]["”)]*\s+(?=\S)/gu)) {
    const at = (m.index as number) + m[0].length;
    if (isSignOff(line.slice(at))) return at;
  }
  return -1;
}

/** The spans of `text` the writer wrote: quoted lines, the earlier thread and the signature left out. */
export function messageBody(text: string): TextSpan[] {
  const lines: TextSpan[] = [];
  let from = 0;
  for (;;) {
    const nl = text.indexOf("\n", from);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start: from, end });
    if (nl < 0) break;
    from = nl + 1;
  }
  const lineText = (l: TextSpan) => text.slice(l.start, l.end).trim();
  let last = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const t = lineText(lines[i] as TextSpan);
    if (REPLY_HEADER.some((re) => re.test(t)) || FOOTER.some((re) => re.test(t))) {
      last = i;
      break;
    }
  }
  // A sign-off near the end: the rest is a name and contact details. The first line is never one
  // (a message that is only "Terveisin Matti" keeps it).
  for (let i = Math.max(1, last - SIGNATURE_LINES - 1); i < last; i++) {
    if (isSignOff(lineText(lines[i] as TextSpan))) {
      last = i;
      break;
    }
  }
  const kept = lines.slice(0, last);
  const end = kept.at(-1);
  if (end) {
    // The last line may end with a sign-off of its own (line breaks flattened by an export).
    const at = inlineSignOff(text.slice(end.start, end.end));
    if (at >= 0) kept[kept.length - 1] = { start: end.start, end: end.start + at };
  }
  const body: TextSpan[] = [];
  for (const line of kept) {
    if (/^\s*>/.test(text.slice(line.start, line.end))) continue;
    const prev = body.at(-1);
    // Consecutive kept lines stay one span (with their line breaks), so sentences can run across them.
    if (prev && prev.end + 1 === line.start) prev.end = line.end;
    else body.push({ ...line });
  }
  return body.map((s) => trimSpan(text, s)).filter((s): s is TextSpan => s !== null);
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string): Intl.Segmenter {
  const locale = lang === "en" || lang === "sv" ? lang : "fi";
  let s = segmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: "sentence" });
    segmenters.set(locale, s);
  }
  return s;
}

/**
 * A line break inside a hard-wrapped paragraph becomes a space (same length, so offsets hold): the
 * previous line does not end a sentence and the next one goes on in lower case or with a digit.
 */
function unwrap(text: string): string {
  return text.replace(/(?<=[^.!?…:;\s])[ \t]*\r?\n[ \t]*(?=[\p{Ll}\p{N}])/gu, (m) => " ".repeat(m.length));
}

/** Words after which an unpunctuated stretch of speech is cut (before the word). */
const TURNS: Record<string, ReadonlySet<string>> = {
  fi: new Set([
    "mutta",
    "mut",
    "sitten",
    "sit",
    "no",
    "koska",
    "eli",
    "niin",
    "joten",
    "kuitenkin",
    "okei",
    "ok",
    "joo",
    "kiitos",
    "siis",
  ]),
  en: new Set(["but", "so", "then", "because", "okay", "ok", "well", "anyway", "also", "thanks", "however"]),
};

/** Cuts a span with no sentence punctuation and more than ASR_MAX_WORDS words where the talk turns. */
function cutSpeech(text: string, span: TextSpan, lang: string): TextSpan[] {
  const piece = text.slice(span.start, span.end);
  if (/[.!?…]/.test(piece)) return [span];
  const words = [...piece.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
  if (words.length <= ASR_MAX_WORDS) return [span];
  const turns = TURNS[lang === "en" ? "en" : "fi"] as ReadonlySet<string>;
  const cuts: number[] = [];
  let since = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as RegExpMatchArray;
    const word = w[0].toLowerCase();
    // "and then" / "ja sitten": the cut goes before "and"/"ja".
    const prev = words[i - 1]?.[0].toLowerCase();
    const turnAt = turns.has(word) ? (prev === "and" || prev === "ja" ? i - 1 : i) : -1;
    if ((turnAt >= 0 && since >= ASR_MIN_WORDS) || since >= ASR_MAX_WORDS) {
      const at = turnAt >= 0 && since >= ASR_MIN_WORDS ? turnAt : i;
      cuts.push((words[at] as RegExpMatchArray).index as number);
      since = i - at;
    }
    since++;
  }
  const out: TextSpan[] = [];
  let start = 0;
  for (const c of [...cuts, piece.length]) {
    const s = trimSpan(text, { start: span.start + start, end: span.start + c });
    if (s) out.push(s);
    start = c;
  }
  return out;
}

function trimSpan(text: string, span: TextSpan): TextSpan | null {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return /[\p{L}\p{N}]/u.test(text.slice(start, end)) ? { start, end } : null;
}

/**
 * Abbreviations that a full stop does not end (ICU leaves a full stop unbroken before a lower-case
 * word, which keeps them whole but also keeps "ok. tilaus ei tullut" together in chat written
 * without capitals; so such a break is made here, except after these and after numbers).
 */
const ABBREVIATIONS = new Set(
  (
    "esim mm ns jne yms ym tms vrt ks puh os klo n noin no nro kpl pvm tel ao em ko ed vs eg ie etc " +
    "approx dept mr mrs ms dr st jr sr inc ltd co oy ab ry tmi prof"
  ).split(" "),
);

/** A sentence that ICU kept whole, cut after a full stop before a lower-case word (see ABBREVIATIONS). */
function splitLowerCase(text: string, span: TextSpan): TextSpan[] {
  const piece = text.slice(span.start, span.end);
  const out: TextSpan[] = [];
  let from = 0;
  for (const m of piece.matchAll(/([\p{L}\p{N}]+)\.+["”)]*(\s+)(?=\p{Ll})/gu)) {
    const word = (m[1] as string).toLowerCase();
    if (ABBREVIATIONS.has(word) || /\p{N}/u.test(word) || word.length === 1) continue;
    const cut = (m.index as number) + m[0].length - (m[2] as string).length;
    const s = trimSpan(text, { start: span.start + from, end: span.start + cut });
    if (s) out.push(s);
    from = cut;
  }
  const last = trimSpan(text, { start: span.start + from, end: span.end });
  if (last) out.push(last);
  return out;
}

/** The sentences of the message body of `text` (see the module comment), in order. */
export function sentenceSpans(text: string, lang: string): TextSpan[] {
  const flat = unwrap(text);
  const out: TextSpan[] = [];
  for (const part of messageBody(flat)) {
    for (const s of segmenter(lang).segment(flat.slice(part.start, part.end))) {
      const span = trimSpan(flat, {
        start: part.start + s.index,
        end: part.start + s.index + s.segment.length,
      });
      if (!span) continue;
      for (const piece of splitLowerCase(flat, span)) out.push(...cutSpeech(flat, piece, lang));
    }
  }
  return out;
}
