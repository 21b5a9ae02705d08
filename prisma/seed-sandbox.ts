/**
 * The users the demo's Atlassian-like sandbox holds before Roster touches it,
 * so that importing from it has something to show: people who match the
 * directory (some with other job titles, some deactivated there), and people
 * the directory does not have yet.
 */
import { USER_SCHEMA } from "../lib/scim/schema-urns";
import { DEMO_DOMAIN } from "./seed";

interface DirectoryPerson {
  email: string;
  firstName: string;
  lastName: string;
  title: string | null;
  department: string | null;
}

const NEWCOMERS: [string, string, string][] = [
  ["Nora", "Eriksen", "Engineering"],
  ["Tariq", "Aziz", "Sales"],
  ["Beatriz", "Lopes", "Support"],
  ["Jonah", "Fischer", "Engineering"],
  ["Keiko", "Mori", "Design"],
  ["Samir", "Khan", "Finance"],
  ["Elsa", "Nyberg", "Marketing"],
  ["Owen", "Price", "Support"],
];

function scimUser(person: DirectoryPerson, active: boolean): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    userName: person.email,
    name: { givenName: person.firstName, familyName: person.lastName },
    displayName: `${person.firstName} ${person.lastName}`,
    emails: [{ value: person.email, type: "work", primary: true }],
    ...(person.title ? { title: person.title } : {}),
    ...(person.department ? { department: person.department } : {}),
    active,
  };
}

export function demoSandboxUsers(directory: readonly DirectoryPerson[]): Record<string, unknown>[] {
  const matches = directory
    .slice(0, 14)
    .map((person, index) => scimUser({ ...person, title: index % 3 === 0 ? `${person.title ?? "Specialist"} (Atlassian)` : person.title }, index % 7 !== 6));
  const newcomers = NEWCOMERS.map(([firstName, lastName, department]) =>
    scimUser({ email: `${firstName}.${lastName}@${DEMO_DOMAIN}`.toLowerCase(), firstName, lastName, title: null, department }, true),
  );
  return [...matches, ...newcomers];
}
