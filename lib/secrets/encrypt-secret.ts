import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { readEnv } from "../env";
import { Secret } from "./secret";

/**
 * AES-256-GCM for secrets at rest (SCIM tokens, two-step sign-in secrets), with Node's crypto module.
 * The stored form is `v1:<base64(iv | tag | ciphertext)>`; the `context` (the
 * app's id) is authenticated too, so a ciphertext copied to another row does
 * not decrypt there.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function key(): Buffer {
  return Buffer.from(readEnv("ROSTER_ENCRYPTION_KEY"), "base64");
}

export function encryptSecret(secret: Secret, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(secret.reveal(), "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
}

export class SecretUnreadableError extends Error {
  override name = "SecretUnreadableError";
  constructor() {
    super("The stored token cannot be decrypted (the encryption key changed, or the data was altered); enter the token again.");
  }
}

export function decryptSecret(stored: string, context: string): Secret {
  const [version, payload] = stored.split(":");
  if (version !== VERSION || !payload) throw new SecretUnreadableError();
  const raw = Buffer.from(payload, "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretUnreadableError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return new Secret(Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8"));
  } catch {
    throw new SecretUnreadableError();
  }
}
