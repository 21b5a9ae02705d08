import { describe, expect, it } from "vitest";
import { createNonce, securityHeaders } from "./security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("securityHeaders", () => {
  it("lets only scripts with this response's nonce run, and no inline script", () => {
    const headers = securityHeaders({ nonce: "bm9uY2U=", https: false });
    const policy = directives(headers["Content-Security-Policy"]!);
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(headers["Content-Security-Policy"]).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(headers["Permissions-Policy"]).toMatch(/camera=\(\)/);
  });

  it("asks for HTTPS for two years only when served over HTTPS", () => {
    expect(securityHeaders({ nonce: "x", https: false })).not.toHaveProperty("Strict-Transport-Security");
    const secure = securityHeaders({ nonce: "x", https: true });
    expect(secure["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(directives(secure["Content-Security-Policy"]!).has("upgrade-insecure-requests")).toBe(true);
  });

  it("lets a form post to this origin only, unless the response names another origin for itself", () => {
    expect(directives(securityHeaders({ nonce: "x", https: false })["Content-Security-Policy"]!).get("form-action")).toEqual(["'self'"]);
    const sso = securityHeaders({ nonce: "x", https: false, formActionOrigins: ["https://acme.atlassian.net"] });
    expect(directives(sso["Content-Security-Policy"]!).get("form-action")).toEqual(["'self'", "https://acme.atlassian.net"]);
  });

  it("makes a different 16-byte nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
