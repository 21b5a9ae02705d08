import { afterEach, describe, expect, it, vi } from "vitest";

const GOOD = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/roster",
  SESSION_SECRET: "x".repeat(32),
  ROSTER_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

async function loadEnv(values: Record<string, string | undefined>) {
  vi.resetModules();
  for (const key of ["DATABASE_URL", "SESSION_SECRET", "ROSTER_ENCRYPTION_KEY", "ROSTER_SECURE_COOKIES", "DATABASE_POOL_SIZE", "DATABASE_PREPARED_STATEMENTS"])
    vi.stubEnv(key, values[key] as string);
  const { getEnv } = await import("./env");
  return getEnv;
}

afterEach(() => vi.unstubAllEnvs());

describe("getEnv", () => {
  it("accepts a valid environment and applies defaults", async () => {
    const getEnv = await loadEnv(GOOD);
    expect(getEnv()).toMatchObject({ DATABASE_URL: GOOD.DATABASE_URL, DATABASE_POOL_SIZE: 10, DATABASE_PREPARED_STATEMENTS: true });
  });

  it("turns prepared statements off for a pooler that cannot keep them", async () => {
    const getEnv = await loadEnv({ ...GOOD, DATABASE_PREPARED_STATEMENTS: "0" });
    expect(getEnv().DATABASE_PREPARED_STATEMENTS).toBe(false);
  });

  it.each([
    [{ ...GOOD, DATABASE_URL: "mysql://root@localhost/roster" }, /DATABASE_URL must be a PostgreSQL connection string/],
    [{ ...GOOD, DATABASE_URL: "postgresql://has space@localhost/db" }, /DATABASE_URL must be a PostgreSQL connection string/],
    [{ ...GOOD, DATABASE_URL: undefined }, /DATABASE_URL is not set/],
    [{ ...GOOD, SESSION_SECRET: "short" }, /SESSION_SECRET must be at least 32 characters/],
    [{ ...GOOD, SESSION_SECRET: undefined }, /SESSION_SECRET is not set/],
    [{ ...GOOD, ROSTER_SECURE_COOKIES: "maybe" }, /ROSTER_SECURE_COOKIES/],
    [{ ...GOOD, DATABASE_POOL_SIZE: "0" }, /DATABASE_POOL_SIZE/],
    [{ ...GOOD, DATABASE_PREPARED_STATEMENTS: "sometimes" }, /DATABASE_PREPARED_STATEMENTS/],
    [{ ...GOOD, ROSTER_ENCRYPTION_KEY: "too-short" }, /ROSTER_ENCRYPTION_KEY must be 32 random bytes/],
  ])("explains a bad value in one sentence (%#)", async (values, message) => {
    const getEnv = await loadEnv(values);
    expect(() => getEnv()).toThrow(message);
  });
});

describe("readEnv", () => {
  it("checks only the variable asked for", async () => {
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("SESSION_SECRET", "x".repeat(40));
    const { readEnv } = await import("./env");
    expect(readEnv("SESSION_SECRET")).toBe("x".repeat(40));
    expect(() => readEnv("DATABASE_URL")).toThrow(/DATABASE_URL must be a PostgreSQL connection string/);
  });

  it("reads a variable again once it changes, and the same value once", async () => {
    vi.resetModules();
    vi.stubEnv("ROSTER_SCIM_TIMEOUT_MS", "1500");
    const { readEnv } = await import("./env");
    expect(readEnv("ROSTER_SCIM_TIMEOUT_MS")).toBe(1500);
    vi.stubEnv("ROSTER_SCIM_TIMEOUT_MS", "2500");
    expect(readEnv("ROSTER_SCIM_TIMEOUT_MS")).toBe(2500);
    vi.stubEnv("ROSTER_SCIM_TIMEOUT_MS", "5");
    expect(() => readEnv("ROSTER_SCIM_TIMEOUT_MS")).toThrow(/ROSTER_SCIM_TIMEOUT_MS/);
    vi.stubEnv("ROSTER_ALLOWED_PRIVATE_TARGETS", "127.0.0.1:8790");
    const targets = readEnv("ROSTER_ALLOWED_PRIVATE_TARGETS");
    expect([...targets]).toEqual(["127.0.0.1:8790"]);
    expect(readEnv("ROSTER_ALLOWED_PRIVATE_TARGETS")).toBe(targets);
  });
});
