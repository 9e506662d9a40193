import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keyFromPassphrase, sealingKey, secretBox } from "./secret-box.ts";

describe("sealed integration secrets", () => {
  const box = secretBox(keyFromPassphrase("a passphrase of at least thirty-two characters"));

  it("opens what it sealed, only under the same record id, and never shows the plain text", () => {
    const sealed = box.seal("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0", "integration-1");
    expect(sealed.startsWith("v1:")).toBe(true);
    expect(sealed).not.toContain("c2VjcmV0");
    expect(box.open(sealed, "integration-1")).toBe("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0");
    // Copied onto another record, or opened with another key, it does not open.
    expect(() => box.open(sealed, "integration-2")).toThrow();
    const other = secretBox(keyFromPassphrase("another passphrase of thirty-two characters!"));
    expect(() => other.open(sealed, "integration-1")).toThrow();
    // A fresh IV each time: the same secret seals differently.
    expect(box.seal("x", "i")).not.toBe(box.seal("x", "i"));
  });

  it("takes KOHTAAMO_SECRET_KEY when set, else makes a 0600 key file once and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-key-"));
    try {
      const fromEnv = sealingKey({
        secretKey: "a passphrase of at least thirty-two characters",
        dataDir: dir,
      });
      expect(Buffer.from(fromEnv)).toEqual(
        Buffer.from(keyFromPassphrase("a passphrase of at least thirty-two characters")),
      );
      expect(fs.existsSync(path.join(dir, "secret.key"))).toBe(false);
      const first = sealingKey({ secretKey: undefined, dataDir: dir });
      const file = path.join(dir, "secret.key");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(sealingKey({ secretKey: undefined, dataDir: dir }))).toEqual(Buffer.from(first));
      fs.writeFileSync(file, "short");
      expect(() => sealingKey({ secretKey: undefined, dataDir: dir })).toThrow(/not 32 bytes/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
