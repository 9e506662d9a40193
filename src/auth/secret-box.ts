import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Secrets Kohtaamo must read back in plain text — the HMAC keys of inbound integrations — sealed
 * with AES-256-GCM (node:crypto). Hashing is not enough there: verifying a vendor's signature needs
 * the key itself. The sealing key comes from KOHTAAMO_SECRET_KEY (any string of 32+ characters,
 * stretched with HKDF-SHA256), or else from `<data dir>/secret.key`, 32 random bytes created with
 * mode 0600 on first use. Several servers on one PostgreSQL must share KOHTAAMO_SECRET_KEY.
 *
 * Sealed form: `v1:` + base64(12-byte IV ‖ 16-byte tag ‖ ciphertext). The record's id is the
 * additional authenticated data, so a sealed secret copied onto another record does not open.
 */
export interface SecretBox {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
}

const VERSION = "v1:";

export function secretBox(key: Uint8Array): SecretBox {
  if (key.length !== 32) throw new Error("the sealing key must be 32 bytes");
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
    },
    open(sealed, context) {
      if (!sealed.startsWith(VERSION)) throw new Error("unknown sealed-secret format");
      const raw = Buffer.from(sealed.slice(VERSION.length), "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
  };
}

/** A configured passphrase → a 32-byte key (HKDF-SHA256 with a fixed, purpose-naming info string). */
export function keyFromPassphrase(passphrase: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", passphrase, "kohtaamo", "integration secrets v1", 32));
}

/** KOHTAAMO_SECRET_KEY when set; else the data dir's key file, made on first use. */
export function sealingKey(settings: { secretKey: string | undefined; dataDir: string }): Uint8Array {
  if (settings.secretKey) return keyFromPassphrase(settings.secretKey);
  const file = path.join(settings.dataDir, "secret.key");
  try {
    const existing = fs.readFileSync(file);
    if (existing.length === 32) return new Uint8Array(existing);
    throw new Error(`${file} is not 32 bytes; restore it or set KOHTAAMO_SECRET_KEY`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(settings.dataDir, { recursive: true });
  const key = randomBytes(32);
  // "wx": a second process starting at the same moment does not overwrite the first one's key.
  try {
    fs.writeFileSync(file, key, { mode: 0o600, flag: "wx" });
    return new Uint8Array(key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return new Uint8Array(fs.readFileSync(file));
    throw error;
  }
}
