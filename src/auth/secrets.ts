import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** Shortest password accepted for a local account. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * Password hashing with argon2id (@node-rs/argon2, its OWASP-recommended defaults: 19 MiB,
 * 2 iterations). The PHC string keeps the parameters, so they can be raised later.
 */
export function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return hash(password);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Unknown users and SSO-only accounts are checked against a dummy hash, so the answer takes as
  // long as for a real account and does not reveal which e-mails exist.
  try {
    return await verify(stored ?? (await dummyHash()), password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hash(randomBytes(16).toString("hex"));
  return dummy;
}

/** A random secret for a session cookie or an API token; only its SHA-256 is stored. */
export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function secretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** API tokens start with this, so a leaked one is easy to recognise and scan for. */
export const TOKEN_PREFIX = "kht_";
