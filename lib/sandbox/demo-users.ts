const GIVEN_NAMES = ["Ada", "Bruno", "Chloé", "Dev", "Elif", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kofi", "Lena"];
const FAMILY_NAMES = ["Okafor", "Lindqvist", "Moreau", "Patel", "Yılmaz", "Haddad", "Novak", "Sato", "Costa", "Wei", "Mensah", "Berg"];
const DEPARTMENTS = ["Engineering", "Sales", "Support", "Finance"];

/** Users for the demo, as an Atlassian directory would already hold them before Roster's first import. */
export function demoUsers(count: number, domain = "example.com"): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => {
    const givenName = GIVEN_NAMES[index % GIVEN_NAMES.length] ?? "Ada";
    const familyName = FAMILY_NAMES[Math.floor(index / GIVEN_NAMES.length) % FAMILY_NAMES.length] ?? "Okafor";
    const suffix = index < GIVEN_NAMES.length * FAMILY_NAMES.length ? "" : String(index);
    const email = `${givenName}.${familyName}${suffix}@${domain}`
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
    return {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: email,
      name: { givenName, familyName },
      displayName: `${givenName} ${familyName}`,
      emails: [{ value: email, type: "work", primary: true }],
      department: DEPARTMENTS[index % DEPARTMENTS.length],
      active: true,
    };
  });
}
