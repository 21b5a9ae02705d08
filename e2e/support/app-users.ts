/** A user as the SCIM sandbox holds it before an import: active, with one work e-mail that is also its userName. */
export function appUser(email: string, name: { givenName: string; familyName: string }, extra: Record<string, unknown> = {}) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: email,
    name,
    emails: [{ value: email, type: "work", primary: true }],
    active: true,
    ...extra,
  };
}
