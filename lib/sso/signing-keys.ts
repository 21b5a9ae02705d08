import "server-only";
import { createPrivateKey, generateKeyPair, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import forge from "node-forge";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { db, type Tx } from "../db";
import type { SsoSigningKeyState } from "../generated/prisma/client";
import { decryptSecret, encryptSecret } from "../provisioning/secrets/encrypt-secret";
import { Secret } from "../provisioning/secrets/secret";
import { AppError } from "../app-error";

/**
 * The organization's SAML signing keys. One ACTIVE key signs; a NEXT key is published in the metadata
 * before it signs anything, so apps can trust it ahead of the switch; a RETIRED key stays published for
 * a grace period after the switch. Private keys are encrypted at rest like SCIM tokens.
 */
const KEY_BITS = 2048;
export const CERTIFICATE_VALIDITY_DAYS = 3 * 365;
/** How long a retired certificate stays in the metadata after the next one took over. */
export const RETIRED_KEY_GRACE_DAYS = 30;
/** From how many days before its end a certificate is worth a warning. */
export const EXPIRY_WARNING_DAYS = 60;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What may leave the server: the certificate and dates, never the private key. */
export const PUBLIC_KEY_SELECT = { id: true, state: true, certificatePem: true, notBefore: true, notAfter: true, activatedAt: true, retiredAt: true } as const;
/** What signing reads: the public parts and the encrypted private key; never for the browser. */
export const SIGNING_KEY_SELECT = { ...PUBLIC_KEY_SELECT, privateKeyCiphertext: true } as const;
export type PublicSigningKey = {
  id: string;
  state: SsoSigningKeyState;
  certificatePem: string;
  notBefore: Date;
  notAfter: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
};
export type SigningKey = PublicSigningKey & { privateKey: Secret };

const generateRsaKeyPair = promisify(generateKeyPair);

/** A new RSA key pair (generated off the event loop) and a self-signed certificate naming the organization, valid from `now`. */
async function createKeyMaterial(organizationName: string, now: Date) {
  const { privateKey } = await generateRsaKeyPair("rsa", {
    modulusLength: KEY_BITS,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  // A positive serial number: clear the top bit of the first byte.
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  certificate.serialNumber = serial.toString("hex");
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + CERTIFICATE_VALIDITY_DAYS * DAY_MS);
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  const subject = [
    { name: "commonName", value: `Roster SAML signing (${organizationName})`.slice(0, 64) },
    { name: "organizationName", value: organizationName.slice(0, 64) || "Roster" },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
  ]);
  certificate.sign(forgeKey, forge.md.sha256.create());
  return { privateKey: new Secret(privateKey), certificatePem: forge.pki.certificateToPem(certificate), notBefore, notAfter };
}

/** The key's encryption context, so a ciphertext copied to another row does not decrypt there. */
const keyContext = (id: string) => `sso-signing-key:${id}`;

/** Holds the organization's row lock for the rest of the transaction: key changes of one organization run one at a time. */
async function lockOrganization(tx: Tx, organizationId: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
  if (!row) throw new AppError("not_found", "This organization no longer exists.");
  return row.name;
}

/**
 * A new key pair and certificate, made before any transaction opens (generating an RSA key takes a moment,
 * and no lock should wait on it); unused when another request got there first.
 */
async function newKeyMaterial(organizationId: string, now: Date) {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
  if (!organization) throw new AppError("not_found", "This organization no longer exists.");
  return createKeyMaterial(organization.name, now);
}

async function insertKey(tx: Tx, organizationId: string, material: Awaited<ReturnType<typeof createKeyMaterial>>, state: SsoSigningKeyState, now: Date) {
  const id = randomUUID();
  await tx.ssoSigningKey.create({
    data: {
      id,
      organizationId,
      state,
      privateKeyCiphertext: encryptSecret(material.privateKey, keyContext(id)),
      certificatePem: material.certificatePem,
      notBefore: material.notBefore,
      notAfter: material.notAfter,
      activatedAt: state === "ACTIVE" ? now : null,
    },
  });
  return id;
}

/** Who changes the organization's keys, for the audit log. */
export interface KeyWriteContext {
  actor: Actor;
  ip?: string | null;
}

async function recordKeyChange(tx: Tx, organizationId: string, organizationName: string, context: KeyWriteContext, action: string) {
  await recordAuditEvent(tx, {
    organizationId,
    actor: context.actor,
    action,
    target: { type: "organization", id: organizationId, label: organizationName },
    ip: context.ip,
  });
}

/** The key that signs now, created on first use. */
export async function getActiveSigningKey(organizationId: string, now = new Date()): Promise<SigningKey> {
  const found = await db.ssoSigningKey.findFirst({
    where: { organizationId, state: "ACTIVE" },
    select: SIGNING_KEY_SELECT,
  });
  if (found) return withPrivateKey(found);
  const material = await newKeyMaterial(organizationId, now);
  await db.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const existing = await tx.ssoSigningKey.findFirst({ where: { organizationId, state: "ACTIVE" }, select: { id: true } });
    if (!existing) await insertKey(tx, organizationId, material, "ACTIVE", now);
  });
  return getActiveSigningKey(organizationId, now);
}

/** Decrypts a stored key row (selected with ACTIVE_KEY_SELECT). */
export function withPrivateKey({ privateKeyCiphertext, ...key }: PublicSigningKey & { privateKeyCiphertext: string }): SigningKey {
  return { ...key, privateKey: decryptSecret(privateKeyCiphertext, keyContext(key.id)) };
}

/**
 * The certificates the metadata publishes, ACTIVE first: the active one, the next one, and retired ones
 * still within their grace period. Creates the first key when the organization has none.
 */
export async function listPublishedKeys(organizationId: string, now = new Date()): Promise<PublicSigningKey[]> {
  await getActiveSigningKey(organizationId, now);
  const keys = await db.ssoSigningKey.findMany({
    where: {
      organizationId,
      OR: [{ state: { in: ["ACTIVE", "NEXT"] } }, { state: "RETIRED", retiredAt: { gt: new Date(now.getTime() - RETIRED_KEY_GRACE_DAYS * DAY_MS) } }],
    },
    select: PUBLIC_KEY_SELECT,
    orderBy: { createdAt: "desc" },
  });
  const order: Record<SsoSigningKeyState, number> = { ACTIVE: 0, NEXT: 1, RETIRED: 2 };
  return keys.sort((a, b) => order[a.state] - order[b.state]);
}

/**
 * Starts a rotation: creates the NEXT key, which the metadata publishes beside the ACTIVE one so apps can
 * trust it before it signs. Refused while a NEXT key is already waiting.
 */
export async function rotateSigningKey(organizationId: string, context: KeyWriteContext, now = new Date()): Promise<PublicSigningKey> {
  await getActiveSigningKey(organizationId, now);
  const material = await newKeyMaterial(organizationId, now);
  const id = await db.$transaction(async (tx) => {
    const organizationName = await lockOrganization(tx, organizationId);
    const waiting = await tx.ssoSigningKey.findFirst({ where: { organizationId, state: "NEXT" }, select: { id: true } });
    if (waiting) {
      throw new AppError("conflict", "A next signing certificate is already waiting. Make it active (or let it be) before creating another.");
    }
    const id = await insertKey(tx, organizationId, material, "NEXT", now);
    await recordKeyChange(tx, organizationId, organizationName, context, "sso.signing_key_created");
    return id;
  });
  return db.ssoSigningKey.findUniqueOrThrow({ where: { id }, select: PUBLIC_KEY_SELECT });
}

/**
 * Ends a rotation: the NEXT key becomes ACTIVE and signs from now on; the old ACTIVE key becomes RETIRED and
 * stays in the metadata for RETIRED_KEY_GRACE_DAYS.
 */
export async function activateNextKey(organizationId: string, context: KeyWriteContext, now = new Date()): Promise<PublicSigningKey> {
  const id = await db.$transaction(async (tx) => {
    const organizationName = await lockOrganization(tx, organizationId);
    const next = await tx.ssoSigningKey.findFirst({ where: { organizationId, state: "NEXT" }, select: { id: true } });
    if (!next) throw new AppError("conflict", "There is no next signing certificate to activate. Create one first.");
    await tx.ssoSigningKey.updateMany({ where: { organizationId, state: "ACTIVE" }, data: { state: "RETIRED", retiredAt: now } });
    await tx.ssoSigningKey.update({ where: { id: next.id }, data: { state: "ACTIVE", activatedAt: now } });
    await recordKeyChange(tx, organizationId, organizationName, context, "sso.signing_key_activated");
    return next.id;
  });
  return db.ssoSigningKey.findUniqueOrThrow({ where: { id }, select: PUBLIC_KEY_SELECT });
}

export type CertificateExpiry = { daysLeft: number; expired: boolean; warn: boolean; message: string | null };

/** How long a certificate has left, and a sentence for the admin once it is within EXPIRY_WARNING_DAYS. Pure. */
export function certificateExpiry(key: Pick<PublicSigningKey, "notAfter">, now: Date): CertificateExpiry {
  const daysLeft = Math.floor((key.notAfter.getTime() - now.getTime()) / DAY_MS);
  const expired = key.notAfter.getTime() <= now.getTime();
  if (expired) {
    return {
      daysLeft: 0,
      expired,
      warn: true,
      message: "The signing certificate has expired: apps refuse its sign-ins. Create the next certificate and activate it.",
    };
  }
  if (daysLeft > EXPIRY_WARNING_DAYS) return { daysLeft, expired, warn: false, message: null };
  const when = daysLeft === 0 ? "today" : daysLeft === 1 ? "in 1 day" : `in ${daysLeft} days`;
  return {
    daysLeft,
    expired,
    warn: true,
    message: `The signing certificate expires ${when}. Create the next certificate, give it to each app, then activate it.`,
  };
}

/** Parsed private keys by key id: a key row's private key never changes, and parsing the PEM costs more than signing. */
const parsedKeys = new Map<string, KeyObject>();
const MAX_PARSED_KEYS = 256;

/**
 * The key, parsed for signing; kept in this process's memory only, never serialised anywhere. A stored row is
 * decrypted only the first time this process signs with it, not on every sign-in.
 */
export function signingKeyObject(key: Pick<SigningKey, "id" | "privateKey"> | { id: string; privateKeyCiphertext: string }): KeyObject {
  const known = parsedKeys.get(key.id);
  if (known) return known;
  if (parsedKeys.size >= MAX_PARSED_KEYS) parsedKeys.clear();
  const secret = "privateKey" in key ? key.privateKey : decryptSecret(key.privateKeyCiphertext, keyContext(key.id));
  const parsed = createPrivateKey(secret.reveal());
  parsedKeys.set(key.id, parsed);
  return parsed;
}
