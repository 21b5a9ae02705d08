import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { hasScope, scopeProbe } from "../directory/assignments/scope-sources";
import { MAPPABLE_PERSON_SELECT } from "../directory/users/mappable-person";
import { effectiveMappingRules, FIELD_MAPPING_SELECT } from "../provisioning/apps/field-mappings";
import { attributeValues, nameIdValue } from "./assertion-values";
import { AUTHN_CONTEXT_PASSWORD, buildResponseXml } from "./response-template";
import { SamlError, type SamlErrorKind, type SsoAppRef } from "./saml-error";
import { SAML_SETTINGS_SELECT, toSamlSettings } from "./saml-settings";
import { idpEntityId } from "./saml-urls";
import { NAME_ID_FORMATS } from "./schemas";
import { certificateBody, signResponse } from "./sign-response";
import { getActiveSigningKey, SIGNING_KEY_SELECT, signingKeyObject } from "./signing-keys";

/** How long a response is good for after it is issued; apps allow a little clock skew on top. */
export const RESPONSE_LIFETIME_MS = 5 * 60 * 1000;
/** How far back NotBefore reaches, for an app whose clock runs a little behind ours. */
export const NOT_BEFORE_SKEW_MS = 30 * 1000;

export interface IssueResponseInput {
  appId: string;
  personId: string;
  /** The public base URL of this Roster: the IdP Entity ID lives under it. */
  baseUrl: string;
  /** The AuthnRequest's ID when the app asked (SP-initiated); absent for an IdP-initiated sign-in. */
  inResponseTo?: string;
  /** Handed back to the app unchanged. */
  relayState?: string;
  /** When the person signed in to Roster; defaults to now. */
  authnInstant?: Date;
  /** The clock, for tests. */
  now?: Date;
}

/** What the auto-submitting HTTP-POST form needs: where to post, and the two fields. */
export interface SamlPostForm {
  acsUrl: string;
  samlResponse: string;
  relayState: string | null;
  responseId: string;
  assertionId: string;
  nameId: string;
  /** The app it is for, for the sign-in log. */
  app: SsoAppRef;
}

/**
 * A signed SAML Response (the Response and its Assertion each signed with RSA-SHA256 by the organization's
 * ACTIVE key) for an ACTIVE person in scope for the app, directly or through a group. Anyone else gets a
 * SamlError saying why and whom to ask. Also what a benchmark calls.
 */
export async function issueResponse(input: IssueResponseInput): Promise<SamlPostForm> {
  const now = input.now ?? new Date();
  // The app and the person at once (two statements, one wait): the person is looked for only in the app's organization.
  const [app, person] = await Promise.all([
    db.app.findUnique({
      where: { id: input.appId },
      select: {
        id: true,
        name: true,
        organizationId: true,
        catalogKey: true,
        organization: {
          select: { name: true, plan: true, ssoSigningKeys: { where: { state: "ACTIVE" }, select: SIGNING_KEY_SELECT, take: 1 } },
        },
        fieldMappings: { select: FIELD_MAPPING_SELECT },
        samlSettings: { select: SAML_SETTINGS_SELECT },
      },
    }),
    db.user.findFirst({
      where: { id: input.personId, organization: { apps: { some: { id: input.appId } } } },
      select: { ...MAPPABLE_PERSON_SELECT, ...scopeProbe(input.appId) },
    }),
  ]);
  if (!app) throw new SamlError("app_not_found", "This app is no longer in Roster. Ask your Roster administrator for the right link.");
  const appRef: SsoAppRef = { id: app.id, name: app.name, organizationId: app.organizationId };
  const refuse = (kind: SamlErrorKind, message: string) => new SamlError(kind, message, appRef);
  const settings = app.samlSettings ? toSamlSettings(app.samlSettings) : null;
  if (!settings?.enabled) {
    throw refuse("sso_not_enabled", `Single sign-on is not switched on for ${app.name}. Ask your Roster administrator to set it up.`);
  }
  const whomToAsk = `Ask an administrator of ${app.organization.name} in Roster`;
  if (!person) throw refuse("person_not_found", `Your account is not in the directory of ${app.organization.name}. ${whomToAsk} to add you.`);
  if (person.status !== "ACTIVE") {
    throw refuse("person_inactive", `Your account is deactivated, so you cannot sign in to ${app.name}. ${whomToAsk} if this is a mistake.`);
  }
  if (!hasScope(person)) {
    throw refuse("person_not_assigned", `You are not assigned to ${app.name}. ${whomToAsk} to assign it to you, or to a group you are in.`);
  }

  const context = { organizationName: app.organization.name };
  const nameId = nameIdValue(person, settings.nameIdSource, effectiveMappingRules(app), context);
  if (!nameId) {
    throw refuse("person_not_found", `Your account has no value for what ${app.name} uses to recognise you. ${whomToAsk} to complete your profile.`);
  }
  const key = app.organization.ssoSigningKeys[0] ?? (await getActiveSigningKey(app.organizationId, now));
  const responseId = `_${randomUUID()}`;
  const assertionId = `_${randomUUID()}`;
  const xml = buildResponseXml({
    responseId,
    assertionId,
    issueInstant: now,
    issuer: idpEntityId(input.baseUrl, app.organizationId),
    destination: settings.acsUrl,
    inResponseTo: input.inResponseTo,
    audience: settings.spEntityId,
    nameIdFormat: NAME_ID_FORMATS[settings.nameIdFormat].urn,
    nameId,
    notBefore: new Date(now.getTime() - NOT_BEFORE_SKEW_MS),
    notOnOrAfter: new Date(now.getTime() + RESPONSE_LIFETIME_MS),
    authnInstant: input.authnInstant ?? now,
    sessionIndex: `_${randomUUID()}`,
    authnContextClassRef: AUTHN_CONTEXT_PASSWORD,
    attributes: attributeValues(person, settings.attributes, context),
  });
  return {
    acsUrl: settings.acsUrl,
    samlResponse: Buffer.from(await signResponse(xml, signingKeyObject(key), certificateBody(key.certificatePem)), "utf8").toString("base64"),
    relayState: input.relayState ?? null,
    responseId,
    assertionId,
    nameId,
    app: appRef,
  };
}
