import { convert, type HtmlToTextOptions } from "html-to-text";

/**
 * E-mail and ticket bodies that arrive as HTML (a help desk's export, a mail client's body:
 * `<p>Hei,</p><p>…</p><p>Terveisin<br>Maija</p>`) are stored as the text a reader sees, before
 * redaction and analysis. Read as HTML, the analysis found no line where a signature or a quoted
 * reply starts (text/message-parts.ts reads lines), so both were read as the customer's words, the
 * sentences ran into each other, and the dashboard showed the tags.
 *
 * The text keeps the message's lines and paragraphs (a <br> or a paragraph is a line break), and a
 * quoted earlier message (<blockquote>) its "> " marks, so that both are left out of the reading as
 * in a plain e-mail. Links keep their words without the address, images and styles are left out,
 * entities are decoded. html-to-text does the reading (its parser is htmlparser2).
 *
 * Only text that is plainly HTML is converted: one that starts with a tag, or has at least two of
 * the tags e-mail bodies are made of. A customer who writes "<3", "a < b" or mentions one "<div>"
 * keeps their text as written.
 *
 * @example htmlToText("<p>Hei,</p><p>Lasku on väärin.</p>") // → "Hei,\n\nLasku on väärin."
 */

/** The tags that make up e-mail and ticket bodies. */
const BODY_TAG =
  /<\/?(?:p|br|div|span|html|body|head|table|tbody|thead|tr|td|th|ul|ol|li|b|i|u|strong|em|a|font|blockquote|h[1-6]|hr|pre|img|style|meta|center|section|article)(?:\s[^<>]*)?\/?>/gi;
const STARTS_WITH_TAG = /^\s*<(?:!doctype|[a-z][a-z0-9]*)(?:\s[^<>]*)?\/?>/i;

const OPTIONS: HtmlToTextOptions = {
  // Lines as the writer broke them, not re-wrapped at 80 characters.
  wordwrap: false,
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
  ],
};

/** Whether `text` is an HTML body rather than text (see the module comment). */
export function isHtml(text: string): boolean {
  if (!text.includes("<")) return false;
  if (STARTS_WITH_TAG.test(text)) return true;
  let tags = 0;
  for (const _ of text.matchAll(BODY_TAG)) if (++tags >= 2) return true;
  return false;
}

/**
 * The text a reader sees of an HTML body, any other text as it is. A line of only spaces (Outlook's
 * `<p>&nbsp;</p>` between paragraphs) is a blank line, and there is at most one blank line in a row.
 */
export function htmlToText(text: string): string {
  if (!isHtml(text)) return text;
  return convert(text, OPTIONS)
    .replace(/[ \t\u00a0]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
