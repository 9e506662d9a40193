import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import iconv from "iconv-lite";
import { type FileErrorCode, fileError, KohtaamoError } from "../domain/index.ts";
import { BINARY_CONTROL_SHARE, controlByteShare, guessUtf16, sniffSignature } from "./file-signature.ts";

/**
 * Opens a customer file as text. Finnish exports arrive as UTF-8 (with or without a BOM),
 * Windows-1252 (Excel "CSV (semicolon separated)") or UTF-16 (Excel "Unicode text"), and
 * nothing in the file says which. A BOM decides when present; otherwise a first streaming pass
 * validates the whole file as UTF-8 (a Windows-1252 "ä" is an invalid UTF-8 byte, and valid
 * UTF-8 is practically never meant as Windows-1252), so only the second pass holds text.
 * UTF-16 without a BOM is recognised by its NUL pattern. A file that is not text at all (an Excel
 * .xls, a PDF, an image, mostly control bytes) is refused with what it is and what to do; a few
 * NUL bytes inside text are left to the row readers, which reject just those rows.
 */

export type TextEncoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

export interface DecodedFile {
  readonly path: string;
  readonly encoding: TextEncoding;
  readonly hadBom: boolean;
  readonly totalBytes: number;
  /** The first ~64 KiB of decoded text (BOM removed), for sniffing format and delimiter. */
  readonly head: string;
  /** Bytes of the file read so far by {@link DecodedFile.chunks}, for a progress bar. */
  bytesRead(): number;
  /** The decoded text, chunk by chunk, read once from disk. */
  chunks(): AsyncIterable<string>;
}

const HEAD_BYTES = 64 * 1024;

const unreadable = (
  path: string,
  what: string,
  code: FileErrorCode,
  params?: Readonly<Record<string, string | number>>,
): KohtaamoError => fileError("unreadable_input", code, `Cannot read ${path}: ${what}`, params);

/** What the commonest system errors on opening a file mean, for the English message. */
const OS_ERROR_WORDS: Readonly<Record<string, string>> = {
  EACCES: "permission denied: this process may not read it",
  EPERM: "permission denied: this process may not read it",
  ENOTDIR: "a part of the path is a file, not a folder",
  ENAMETOOLONG: "the path is too long",
  ELOOP: "the path has too many symbolic links",
  EIO: "the disk could not be read",
};

/**
 * A system error's code (EACCES…) as the parameter of `file_unreadable`; its message names the path,
 * the code and, for the commonest codes, what it means.
 */
const osError = (path: string, error: NodeJS.ErrnoException): KohtaamoError => {
  const words = error.code ? OS_ERROR_WORDS[error.code] : undefined;
  const what = words ? `${error.code} (${words})` : (error.code ?? error.message);
  return unreadable(path, what, "file_unreadable", { detail: error.code ?? error.name });
};

export async function openTextFile(path: string): Promise<DecodedFile> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw error.code === "ENOENT"
      ? unreadable(path, "the file does not exist", "file_missing")
      : osError(path, error);
  });
  if (info.isDirectory()) throw unreadable(path, "it is a directory, not a file", "file_directory");
  if (!info.isFile()) throw unreadable(path, "it is not a regular file", "file_not_regular");
  if (info.size === 0) throw unreadable(path, "the file is empty", "file_empty");
  const scan = await scanBytes(path).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof KohtaamoError) throw error;
    throw osError(path, error);
  });
  const { encoding, bomLength } = scan;
  const head = decodeAll(scan.headBytes.subarray(bomLength), encoding);
  let consumed = 0;
  let used = false;
  return {
    path,
    encoding,
    hadBom: bomLength > 0,
    totalBytes: info.size,
    head,
    bytesRead: () => consumed,
    chunks: () => {
      if (used) throw new Error(`${path} was already read; open it again to read it twice`);
      used = true;
      consumed = bomLength;
      return decodeStream(path, encoding, bomLength, (n) => {
        consumed += n;
      });
    },
  };
}

interface ByteScan {
  encoding: TextEncoding;
  bomLength: number;
  headBytes: Buffer;
}

/** The first bytes decide what the file is; then one streaming pass checks UTF-8 validity. */
async function scanBytes(path: string): Promise<ByteScan> {
  const headBytes = await readHead(path);
  const bom = detectBom(headBytes);
  if (bom?.encoding.startsWith("utf-16")) return { encoding: bom.encoding, bomLength: bom.length, headBytes };
  const utf16 = bom ? null : guessUtf16(headBytes);
  if (utf16) return { encoding: utf16, bomLength: 0, headBytes };
  refuseBinary(path, headBytes);
  const validUtf8 = await isValidUtf8(path);
  // Some tools prepend a UTF-8 BOM to text they then write in Windows-1252; the bytes decide.
  if (bom?.encoding === "utf-8" && !validUtf8) {
    return { encoding: "windows-1252", bomLength: bom.length, headBytes };
  }
  if (bom) return { encoding: bom.encoding, bomLength: bom.length, headBytes };
  return { encoding: validUtf8 ? "utf-8" : "windows-1252", bomLength: 0, headBytes };
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whether the file starts like a ZIP archive (an .xlsx workbook is one); false when it cannot be read. */
export async function isZipFile(path: string): Promise<boolean> {
  try {
    return sniffSignature(await readHead(path))?.kind === "zip";
  } catch {
    return false; // missing or unreadable: opening it as text says why
  }
}

function refuseBinary(path: string, head: Buffer): void {
  const signature = sniffSignature(head);
  if (signature) throw unreadable(path, signature.advice, signature.code, signature.params);
  const share = controlByteShare(head);
  if (share >= BINARY_CONTROL_SHARE) {
    const percent = Math.round(share * 100);
    throw unreadable(
      path,
      `it looks like binary data, not text (${percent}% of its first bytes are control ` +
        "characters such as NUL); expected a CSV, JSONL, XLSX, VTT or SRT file; if it is a spreadsheet " +
        "or database dump, save or export it as CSV (UTF-8)",
      "file_binary",
      { percent },
    );
  }
}

async function isValidUtf8(path: string): Promise<boolean> {
  const validator = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: HEAD_BYTES })) {
      validator.decode(chunk as Buffer, { stream: true });
    }
    validator.decode(); // throws when the file ends in the middle of a multi-byte sequence
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

function detectBom(bytes: Buffer): { encoding: TextEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

const ICONV_NAME: Record<TextEncoding, string> = {
  "utf-8": "utf8",
  "windows-1252": "win1252",
  "utf-16le": "utf16le",
  "utf-16be": "utf16be",
};

/** Decodes a byte prefix; a multi-byte character cut at the end is dropped, not mangled. */
function decodeAll(bytes: Buffer, encoding: TextEncoding): string {
  const decoder = iconv.getDecoder(ICONV_NAME[encoding]);
  return decoder.write(bytes);
}

async function* decodeStream(
  path: string,
  encoding: TextEncoding,
  start: number,
  onBytes: (count: number) => void,
): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(ICONV_NAME[encoding]);
  for await (const chunk of createReadStream(path, { start, highWaterMark: HEAD_BYTES })) {
    const bytes = chunk as Buffer;
    onBytes(bytes.length);
    const text = decoder.write(bytes);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
