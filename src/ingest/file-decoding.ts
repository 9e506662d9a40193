import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import iconv from "iconv-lite";
import { KohtaamoError } from "../domain/index.ts";

/**
 * Opens a customer file as text. Finnish exports arrive as UTF-8 (with or without a BOM),
 * Windows-1252 (Excel "CSV (semicolon separated)") or UTF-16 (Excel "Unicode text"), and
 * nothing in the file says which. A BOM decides when present; otherwise a first streaming pass
 * validates the whole file as UTF-8 (a Windows-1252 "ä" is an invalid UTF-8 byte, and valid
 * UTF-8 is practically never meant as Windows-1252), so only the second pass holds text.
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

const unreadable = (path: string, what: string): KohtaamoError =>
  new KohtaamoError("unreadable_input", `Cannot read ${path}: ${what}`);

export async function openTextFile(path: string): Promise<DecodedFile> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(
      path,
      error.code === "ENOENT" ? "the file does not exist" : `${error.code ?? error.message}`,
    );
  });
  if (info.isDirectory()) throw unreadable(path, "it is a directory, not a file");
  if (!info.isFile()) throw unreadable(path, "it is not a regular file");
  if (info.size === 0) throw unreadable(path, "the file is empty");
  const scan = await scanBytes(path).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(path, error.code ?? error.message);
  });
  const { encoding, bomLength } = scan;
  if (scan.hasNul && !encoding.startsWith("utf-16")) {
    throw unreadable(
      path,
      "it contains binary data (NUL bytes); expected a CSV, JSONL, VTT or SRT text file",
    );
  }
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
  hasNul: boolean;
}

/** One pass over the bytes: BOM, NUL bytes (binary files) and UTF-8 validity. */
async function scanBytes(path: string): Promise<ByteScan> {
  const validator = new TextDecoder("utf-8", { fatal: true });
  let headBytes = Buffer.alloc(0);
  let validUtf8 = true;
  let hasNul = false;
  let bom: { encoding: TextEncoding; length: number } | null | undefined;
  for await (const chunk of createReadStream(path, { highWaterMark: HEAD_BYTES })) {
    const bytes = chunk as Buffer;
    if (headBytes.length < HEAD_BYTES) headBytes = Buffer.concat([headBytes, bytes]).subarray(0, HEAD_BYTES);
    if (bom === undefined) {
      bom = detectBom(headBytes);
      if (bom?.encoding.startsWith("utf-16")) break;
    }
    if (!hasNul && bytes.includes(0)) hasNul = true;
    if (validUtf8) {
      try {
        validator.decode(bytes, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
    if (!validUtf8 && hasNul) break;
  }
  if (validUtf8 && !bom?.encoding.startsWith("utf-16")) {
    try {
      validator.decode();
    } catch {
      validUtf8 = false; // the file ends in the middle of a multi-byte sequence
    }
  }
  // Some tools prepend a UTF-8 BOM to text they then write in Windows-1252; the bytes decide.
  if (bom?.encoding === "utf-8" && !validUtf8) {
    return { encoding: "windows-1252", bomLength: bom.length, headBytes, hasNul };
  }
  if (bom) return { encoding: bom.encoding, bomLength: bom.length, headBytes, hasNul };
  return { encoding: validUtf8 ? "utf-8" : "windows-1252", bomLength: 0, headBytes, hasNul };
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
