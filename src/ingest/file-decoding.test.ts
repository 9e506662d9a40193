import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { openTextFile } from "./file-decoding.ts";

async function decode(content: Buffer) {
  const dir = await mkdtemp(join(tmpdir(), "kohtaamo-decoding-"));
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
});
