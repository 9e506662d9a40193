import type { FileErrorCode } from "../domain/index.ts";

/**
 * What a file that is not text really is, from its first bytes ("magic numbers", as file(1)
 * knows them), so that a refusal can tell the user what they picked and what to do instead of
 * "binary data". A few NUL bytes in one field do NOT make a file binary: that row is rejected on
 * its own (see control-characters.ts). Only a known signature, or text that is mostly control
 * bytes, refuses the whole file.
 */

export type SignatureKind =
  | "zip"
  | "ole2"
  | "pdf"
  | "gzip"
  | "png"
  | "jpeg"
  | "gif"
  | "sqlite"
  | "7z"
  | "rar";

interface Signature {
  kind: SignatureKind;
  bytes: readonly number[];
  /** What the file is and what to do, completing "Cannot read FILE: ". */
  advice: string;
  /** The advice's code for a UI to word (domain/file-error-codes.ts), and its parameters. */
  code: FileErrorCode;
  params?: Readonly<Record<string, string>>;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  {
    kind: "zip",
    bytes: [0x50, 0x4b, 0x03, 0x04],
    advice:
      "it is a ZIP archive, not text; an Excel workbook (.xlsx) is one: import it with --format xlsx " +
      "(or auto); any other archive: unpack it and import the file inside",
    code: "file_zip",
  },
  {
    kind: "ole2",
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    advice:
      "it is an old-style Excel (.xls) or other Microsoft Office file; open it in Excel and save it " +
      "as an Excel workbook (.xlsx) or as CSV UTF-8, then import that",
    code: "file_xls",
  },
  {
    kind: "pdf",
    bytes: ascii("%PDF-"),
    advice: "it is a PDF document; export the data from the system that made it as CSV, XLSX or JSONL",
    code: "file_pdf",
  },
  {
    kind: "gzip",
    bytes: [0x1f, 0x8b],
    advice: "it is gzip-compressed; decompress it first (gunzip FILE) and import the file inside",
    code: "file_gzip",
  },
  {
    kind: "png",
    bytes: [0x89, 0x50, 0x4e, 0x47],
    advice: "it is a PNG image, not a data file",
    code: "file_image",
    params: { image: "PNG" },
  },
  {
    kind: "jpeg",
    bytes: [0xff, 0xd8, 0xff],
    advice: "it is a JPEG image, not a data file",
    code: "file_image",
    params: { image: "JPEG" },
  },
  {
    kind: "gif",
    bytes: ascii("GIF8"),
    advice: "it is a GIF image, not a data file",
    code: "file_image",
    params: { image: "GIF" },
  },
  {
    kind: "sqlite",
    bytes: [...ascii("SQLite format 3"), 0],
    advice: "it is an SQLite database; export the table as CSV (e.g. sqlite3 -csv -header) and import that",
    code: "file_sqlite",
  },
  {
    kind: "7z",
    bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
    advice: "it is a 7-Zip archive; unpack it and import the file inside",
    code: "file_archive",
    params: { archive: "7-Zip" },
  },
  {
    kind: "rar",
    bytes: ascii("Rar!"),
    advice: "it is a RAR archive; unpack it and import the file inside",
    code: "file_archive",
    params: { archive: "RAR" },
  },
];

export function sniffSignature(head: Uint8Array): Omit<Signature, "bytes"> | null {
  const found = SIGNATURES.find((s) => s.bytes.every((byte, index) => head[index] === byte));
  if (!found) return null;
  const { bytes: _bytes, ...signature } = found;
  return signature;
}

/**
 * UTF-16 written without a byte-order mark (some "Unicode text" exports): Latin text then has a
 * NUL in every other byte, on the odd positions for little-endian and the even ones for
 * big-endian, and almost none on the other side.
 */
export function guessUtf16(head: Uint8Array): "utf-16le" | "utf-16be" | null {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (head[index] === 0) evenNul++;
    if (head[index + 1] === 0) oddNul++;
  }
  if (oddNul / pairs > 0.6 && evenNul / pairs < 0.05) return "utf-16le";
  if (evenNul / pairs > 0.6 && oddNul / pairs < 0.05) return "utf-16be";
  return null;
}

/** Share of bytes that never occur in text (C0 controls other than tab, LF, FF, CR; DEL is not counted). */
export function controlByteShare(head: Uint8Array): number {
  if (head.length === 0) return 0;
  let control = 0;
  for (const byte of head) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) control++;
  }
  return control / head.length;
}

/**
 * Above this share the file is treated as binary as a whole. Text with a few damaged fields stays
 * far below it; executables, images without a known signature and raw dumps are far above.
 */
export const BINARY_CONTROL_SHARE = 0.3;
