/** The accounts the end-to-end server seeds (e2e/support/serve.ts) and the specs sign in with. */
export const OWNER = { email: "priya.raman@halden.example", password: "e2e-owner-password-1" };
export const ADMIN = { email: "ops.admin@halden.example", password: "e2e-admin-password-1" };
export const MEMBER = { email: "mia.member@halden.example", password: "e2e-member-password-1" };
/** An Admin who may manage people but not see apps. */
export const PEOPLE_ADMIN = { email: "paula.people@halden.example", password: "e2e-people-admin-password-1" };
