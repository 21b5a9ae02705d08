/**
 * Demo data for `npm start`: one organization, about fifty people across
 * departments, and an Owner who can sign in. Runs once: when an organization
 * exists it leaves the database alone.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../lib/db";
import { hashPassword } from "../lib/auth/password";
import { DEFAULT_ADMIN_PERMISSIONS } from "../lib/auth/permissions";

export const DEMO_DOMAIN = "halden.example";

const DEPARTMENTS: Record<string, string[]> = {
  Engineering: ["Staff Engineer", "Software Engineer", "Senior Software Engineer", "Engineering Manager", "Site Reliability Engineer"],
  Product: ["Product Manager", "Senior Product Manager"],
  Design: ["Product Designer", "UX Researcher"],
  Sales: ["Account Executive", "Sales Development Rep", "Head of Sales"],
  Marketing: ["Content Strategist", "Growth Marketer"],
  Support: ["Support Specialist", "Support Team Lead"],
  Finance: ["Financial Analyst", "Controller"],
  People: ["People Partner", "Recruiter"],
};

// [first, last, department, locale, time zone]
const PEOPLE: [string, string, string, string, string][] = [
  ["Amara", "Okafor", "Engineering", "en-GB", "Europe/London"],
  ["Lukas", "Brandt", "Engineering", "de-DE", "Europe/Berlin"],
  ["Mei", "Tanaka", "Engineering", "ja-JP", "Asia/Tokyo"],
  ["Diego", "Fernández", "Engineering", "es-ES", "Europe/Madrid"],
  ["Sofia", "Rossi", "Engineering", "it-IT", "Europe/Rome"],
  ["Arjun", "Mehta", "Engineering", "en-IN", "Asia/Kolkata"],
  ["Hannah", "Schultz", "Engineering", "de-DE", "Europe/Berlin"],
  ["Kwame", "Mensah", "Engineering", "en-GB", "Europe/London"],
  ["Elena", "Popescu", "Engineering", "ro-RO", "Europe/Bucharest"],
  ["Noah", "Williams", "Engineering", "en-US", "America/New_York"],
  ["Yuki", "Sato", "Engineering", "ja-JP", "Asia/Tokyo"],
  ["Fatima", "Al-Sayed", "Engineering", "en-GB", "Europe/London"],
  ["Oliver", "Nguyen", "Product", "en-US", "America/Los_Angeles"],
  ["Isabel", "Costa", "Product", "pt-BR", "America/Sao_Paulo"],
  ["Tomás", "Silva", "Product", "pt-PT", "Europe/Lisbon"],
  ["Grace", "Kim", "Design", "en-US", "America/Los_Angeles"],
  ["Emil", "Lindqvist", "Design", "sv-SE", "Europe/Stockholm"],
  ["Zara", "Hussain", "Design", "en-GB", "Europe/London"],
  ["Marcus", "Johnson", "Sales", "en-US", "America/Chicago"],
  ["Chloé", "Dubois", "Sales", "fr-FR", "Europe/Paris"],
  ["Rahul", "Iyer", "Sales", "en-IN", "Asia/Kolkata"],
  ["Olivia", "Brown", "Sales", "en-US", "America/New_York"],
  ["Jakub", "Nowak", "Sales", "pl-PL", "Europe/Warsaw"],
  ["Aisha", "Bello", "Sales", "en-GB", "Europe/London"],
  ["Liam", "O'Connor", "Sales", "en-IE", "Europe/Dublin"],
  ["Camille", "Martin", "Marketing", "fr-FR", "Europe/Paris"],
  ["Ethan", "Clarke", "Marketing", "en-AU", "Australia/Sydney"],
  ["Nadia", "Petrova", "Marketing", "en-GB", "Europe/London"],
  ["Samuel", "Adeyemi", "Marketing", "en-GB", "Europe/London"],
  ["Lucía", "Romero", "Support", "es-MX", "America/Mexico_City"],
  ["Daniel", "Cohen", "Support", "en-US", "America/New_York"],
  ["Anika", "Jansen", "Support", "nl-NL", "Europe/Amsterdam"],
  ["Mateo", "García", "Support", "es-ES", "Europe/Madrid"],
  ["Freya", "Larsen", "Support", "da-DK", "Europe/Copenhagen"],
  ["Hiro", "Watanabe", "Support", "ja-JP", "Asia/Tokyo"],
  ["Ingrid", "Berg", "Finance", "nb-NO", "Europe/Oslo"],
  ["Victor", "Moreau", "Finance", "fr-FR", "Europe/Paris"],
  ["Leah", "Goldberg", "Finance", "en-US", "America/New_York"],
  ["Chen", "Wei", "Finance", "zh-CN", "Asia/Shanghai"],
  ["Maya", "Patel", "People", "en-GB", "Europe/London"],
  ["Jonas", "Weber", "People", "de-DE", "Europe/Berlin"],
  ["Ruth", "Abebe", "People", "en-US", "America/Denver"],
  ["Felix", "Hoffmann", "Engineering", "de-DE", "Europe/Berlin"],
  ["Layla", "Haddad", "Engineering", "en-GB", "Europe/London"],
  ["Ben", "Carter", "Engineering", "en-US", "America/Denver"],
  ["Sara", "Lindgren", "Product", "sv-SE", "Europe/Stockholm"],
  ["Omar", "Farouk", "Sales", "en-GB", "Europe/London"],
  ["Julia", "Kowalska", "Marketing", "pl-PL", "Europe/Warsaw"],
  ["Pedro", "Alves", "Support", "pt-BR", "America/Sao_Paulo"],
];

export interface SeedResult {
  seeded: boolean;
  owner?: { email: string; password: string };
}

function emailFor(first: string, last: string): string {
  const ascii = (value: string) =>
    value
      .normalize("NFD")
      .replace(/[^A-Za-z]/g, "")
      .toLowerCase();
  return `${ascii(first)}.${ascii(last)}@${DEMO_DOMAIN}`;
}

export async function seedDemo({ ownerPassword }: { ownerPassword?: string } = {}): Promise<SeedResult> {
  if ((await db.organization.count()) > 0) return { seeded: false };

  const password = ownerPassword ?? randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const ownerEmail = `priya.raman@${DEMO_DOMAIN}`;

  await db.$transaction(async (tx) => {
    const organization = await tx.organization.create({ data: { name: "Halden & Co", plan: "STANDARD" } });
    // The demo's own domain counts as verified, so only outside addresses are flagged.
    await tx.domain.create({
      data: { organizationId: organization.id, name: DEMO_DOMAIN, verificationToken: randomBytes(24).toString("base64url"), verifiedAt: new Date() },
    });
    await tx.user.create({
      data: {
        organizationId: organization.id,
        email: ownerEmail,
        firstName: "Priya",
        lastName: "Raman",
        title: "Head of IT",
        department: "Operations",
        employeeId: "E-1000",
        locale: "en-GB",
        timezone: "Europe/London",
        role: "OWNER",
        passwordHash,
      },
    });
    await tx.user.createMany({
      data: PEOPLE.map(([firstName, lastName, department, locale, timezone], index) => {
        const titles = DEPARTMENTS[department] ?? ["Specialist"];
        return {
          organizationId: organization.id,
          email: emailFor(firstName, lastName),
          firstName,
          lastName,
          department,
          title: titles[index % titles.length],
          employeeId: `E-${1001 + index}`,
          mobile: `+44 7700 9${String(index).padStart(5, "0")}`,
          locale,
          timezone,
          // A few leavers, so status filters have something to show.
          status: index % 16 === 15 ? "INACTIVE" : "ACTIVE",
          // One more admin, so roles are visible in the directory.
          ...(index === 39 ? { role: "ADMIN" as const, permissions: DEFAULT_ADMIN_PERMISSIONS } : {}),
        };
      }),
    });
  });
  return { seeded: true, owner: { email: ownerEmail, password } };
}
