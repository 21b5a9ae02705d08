import { ExternalLink } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IdpDetails } from "@/components/sso/idp-details";
import { SamlSettingsForm } from "@/components/sso/saml-settings-form";
import { SigningCertificates } from "@/components/sso/signing-certificates";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { getPublicBaseUrl } from "@/lib/auth/request-meta";
import { getSsoTab } from "@/lib/sso/sso-tab";
import { activateNextCertificateAction, prepareNextCertificateAction, saveSamlSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Single sign-on" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export default async function AppSsoPage({ params }: { params: Promise<{ appId: string }> }) {
  const session = await requirePagePermission("view apps");
  const { appId } = await params;
  const tab = await getSsoTab(session.organization.id, appId, await getPublicBaseUrl());
  if (!tab) notFound();
  const { app, settings, idp, certificates } = tab;
  const canEdit = can(session, "assign apps");
  const active = certificates.find((certificate) => certificate.state === "ACTIVE");
  return (
    <div className="space-y-6">
      {!canEdit ? <Alert tone="error">You can see these settings but not change them: that needs the “assign apps” permission.</Alert> : null}
      <Card>
        <CardHeader
          title="Roster, the identity provider"
          description={`Paste these into ${app.name}'s SAML settings, or give it the metadata URL, which holds them all.`}
          action={
            settings?.enabled ? (
              <Button asChild variant="secondary">
                <a href={idp.startPath} target="_blank" rel="noopener">
                  Test sign-in
                  <ExternalLink aria-hidden className="size-4" />
                </a>
              </Button>
            ) : null
          }
        />
        <IdpDetails entityId={idp.entityId} ssoUrl={idp.ssoUrl} metadataUrl={idp.metadataUrl} certificateUrl={active?.downloadUrl ?? null} />
      </Card>
      <Card>
        <CardHeader
          title={`${app.name}, the service provider`}
          description={
            app.catalogKey === "atlassian"
              ? "In Atlassian Administration, open Security, then Identity providers, add a SAML identity provider and pick your directory: the Entity ID and ACS URL to copy here are on its SAML details page."
              : `${app.name}'s SAML or single sign-on settings show its Entity ID and ACS URL; copy them here.`
          }
        />
        <SamlSettingsForm
          appId={app.id}
          appName={app.name}
          canEdit={canEdit}
          save={saveSamlSettingsAction}
          initial={settings ?? { enabled: false, spEntityId: "", acsUrl: "", nameIdFormat: "EMAIL", nameIdSource: "userName", attributes: [] }}
        />
      </Card>
      <Card>
        <CardHeader
          title="Signing certificates"
          description="Roster signs every sign-in with your organization's certificate; apps check the signature with it. All apps share it."
        />
        <SigningCertificates
          appId={app.id}
          canEdit={canEdit}
          prepareNext={prepareNextCertificateAction}
          activateNext={activateNextCertificateAction}
          certificates={certificates.map((certificate) => ({
            id: certificate.id,
            state: certificate.state,
            notAfter: dateFormat.format(certificate.notAfter),
            downloadUrl: certificate.downloadUrl,
            warning: certificate.expiry.message,
          }))}
        />
      </Card>
    </div>
  );
}
