import { describe, expect, it } from "vitest";
import { addDomainInput } from "./schemas";

function check(name: string) {
  const result = addDomainInput.safeParse({ name });
  return result.success ? { ok: result.data.name } : { error: result.error.issues[0]!.message };
}

describe("addDomainInput", () => {
  it.each([
    ["example.com", "example.com"],
    ["  Example.COM  ", "example.com"],
    ["mail.eu.example.co.uk", "mail.eu.example.co.uk"],
    ["example.com.", "example.com"],
    ["my-company.example", "my-company.example"],
    ["bücher.example", "xn--bcher-kva.example"],
    ["ＥＸＡＭＰＬＥ．ｃｏｍ", "example.com"],
    ["123.example", "123.example"],
  ])("accepts %j as %j", (name, ascii) => {
    expect(check(name)).toEqual({ ok: ascii });
  });

  it.each([
    ["", "Enter a domain, such as example.com."],
    ["   ", "Enter a domain, such as example.com."],
    ["https://example.com", "Enter the domain only, without http:// or https://."],
    ["dana@example.com", "Enter the domain only, without the part before the @ (example.com, not dana@example.com)."],
    ["example .com", "A domain cannot contain spaces."],
    ["example.com/login", "Enter the domain only, without a path or port (example.com, not example.com/login)."],
    ["example.com:443", "Enter the domain only, without a path or port (example.com, not example.com/login)."],
    ["localhost", "Enter the full domain with its ending, such as example.com."],
    ["-example.com", "Each part between dots can have letters, digits and hyphens (not at its start or end), up to 63 characters."],
    ["exa_mple.com", "Each part between dots can have letters, digits and hyphens (not at its start or end), up to 63 characters."],
    ["example..com", "Each part between dots can have letters, digits and hyphens (not at its start or end), up to 63 characters."],
    [`${"a".repeat(64)}.com`, "Each part between dots can have letters, digits and hyphens (not at its start or end), up to 63 characters."],
    [`${Array.from({ length: 4 }, () => "a".repeat(63)).join(".")}.com`, "A domain can be at most 253 characters long."],
    ["192.168.0.1", "Enter a domain name, not an IP address."],
    ["exa%mple.com", "That is not a valid domain name. Use letters, digits, hyphens and dots, such as example.com."],
  ])("refuses %j", (name, error) => {
    expect(check(name)).toEqual({ error });
  });
});
