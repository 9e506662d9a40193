import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { openTextFile } from "./file-decoding.ts";

/** Every folder made for a file below, removed when the tests end. */
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function decode(content: Buffer) {
  const dir = await mkdtemp(join(tmpdir(), "kohtaamo-decoding-"));
  dirs.push(dir);
  const path = join(dir, "file.csv");
  await writeFile(path, content);
  const file = await openTextFile(path);
  let text = "";
  for await (const chunk of file.chunks()) text += chunk;
  return { file, text };
}

describe("openTextFile", () => {
  it("detects UTF-8 with and without BOM", async () => {
    const withBom = await decode(Buffer.from("\uFEFFnimi;kanava\nÄänekoski;sähköposti\n", "utf8"));
    expect([withBom.file.encoding, withBom.file.hadBom, withBom.text]).toEqual([
      "utf-8",
      true,
      "nimi;kanava\nÄänekoski;sähköposti\n",
    ]);
    const plain = await decode(Buffer.from("Öljy € 5", "utf8"));
    expect([plain.file.encoding, plain.file.hadBom, plain.text]).toEqual(["utf-8", false, "Öljy € 5"]);
  });

  it("falls back to Windows-1252 when the bytes are not UTF-8, even deep in a large file", async () => {
    const ascii = "x".repeat(200_000);
    const { file, text } = await decode(iconv.encode(`${ascii}\nPäivämäärä €`, "win1252"));
    expect(file.encoding).toBe("windows-1252");
    expect(text.endsWith("Päivämäärä €")).toBe(true);
    expect(file.head.length).toBe(64 * 1024);
    expect(file.bytesRead()).toBe(file.totalBytes);
  });

  it("decodes UTF-16 LE and BE files with a BOM", async () => {
    const le = await decode(
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("id\tnimi\n1\tÄijä", "utf16le")]),
    );
    expect([le.file.encoding, le.text]).toEqual(["utf-16le", "id\tnimi\n1\tÄijä"]);
    const be = await decode(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode("id;x", "utf16be")]));
    expect([be.file.encoding, be.text]).toEqual(["utf-16be", "id;x"]);
  });

  it("decodes UTF-16 without a BOM by its pattern of NUL bytes", async () => {
    const le = await decode(iconv.encode("id;kommentti\nR-1;Äijä on tyytyväinen\n", "utf16le"));
    expect([le.file.encoding, le.file.hadBom, le.text]).toEqual([
      "utf-16le",
      false,
      "id;kommentti\nR-1;Äijä on tyytyväinen\n",
    ]);
    const be = await decode(iconv.encode("id;score\nR-1;9\n", "utf16be"));
    expect([be.file.encoding, be.text]).toEqual(["utf-16be", "id;score\nR-1;9\n"]);
  });

  it("keeps text with a few NUL bytes in one field readable, for the rows to be judged one by one", async () => {
    const { file, text } = await decode(Buffer.from("id;comment\nR-1;ok\nR-2;bad\0\0field\nR-3;fine\n"));
    expect(file.encoding).toBe("utf-8");
    expect(text).toContain("bad\0\0field");
  });

  it("refuses files that are not text, saying what they are and what to do", async () => {
    const cases: [string, Buffer, RegExp][] = [
      ["old Excel", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 1]), /\.xls.*save it/],
      ["PDF", Buffer.from("%PDF-1.7\n%\xe2\xe3\n1 0 obj"), /PDF document; export the data/],
      ["gzip", Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]), /gzip-compressed; decompress it/],
      ["PNG", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /PNG image/],
      ["ZIP", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /ZIP archive.*--format xlsx/],
      [
        "raw dump",
        Buffer.from([1, 2, 0, 0, 0, 5, 0, 0, 0x41, 0, 3, 0, 0, 0, 0x42, 0, 9, 0, 0, 0]),
        /binary data.*control characters such as NUL/,
      ],
    ];
    for (const [label, bytes, message] of cases) {
      await expect(decode(bytes), label).rejects.toMatchObject({ code: "unreadable_input", message });
    }
  });
});
