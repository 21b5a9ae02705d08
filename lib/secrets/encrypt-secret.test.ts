import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { SecretUnreadableError, decryptSecret, encryptSecret } from "./encrypt-secret";
import { Secret } from "./secret";

const TOKEN = "ATCTT3xFfGN0-very-secret-token-9f3a";

describe("secret encryption", () => {
  it("round-trips, and the stored form does not contain the token", () => {
    const stored = encryptSecret(new Secret(TOKEN), "app-1");
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(TOKEN);
    expect(Buffer.from(stored.slice(3), "base64").toString("latin1")).not.toContain(TOKEN);
    expect(decryptSecret(stored, "app-1").reveal()).toBe(TOKEN);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret(new Secret(TOKEN), "app-1")).not.toBe(encryptSecret(new Secret(TOKEN), "app-1"));
  });

  it("refuses a ciphertext moved to another app or altered", () => {
    const stored = encryptSecret(new Secret(TOKEN), "app-1");
    expect(() => decryptSecret(stored, "app-2")).toThrow(SecretUnreadableError);
    const bytes = Buffer.from(stored.slice(3), "base64");
    bytes[bytes.length - 1]! ^= 1;
    expect(() => decryptSecret(`v1:${bytes.toString("base64")}`, "app-1")).toThrow(SecretUnreadableError);
    expect(() => decryptSecret("v0:abc", "app-1")).toThrow(/enter the token again/);
  });

  it("never shows the value when printed, interpolated or serialised", () => {
    const secret = new Secret(TOKEN);
    expect(String(secret)).not.toContain(TOKEN);
    expect(`${secret}`).not.toContain(TOKEN);
    expect(JSON.stringify({ token: secret })).not.toContain(TOKEN);
    expect(inspect({ nested: { secret } })).not.toContain(TOKEN);
    expect(secret.last4()).toBe("9f3a");
  });
});
