"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";
import { EndpointTwinWarning } from "./endpoint-twin-warning";
import { configureProvisioningInput, type ConfigureProvisioningForm, type ConfigureProvisioningInput } from "@/lib/provisioning/schemas/provisioning";

interface Props {
  appId: string;
  initial: { baseUrl: string; tokenExpiresOn: string };
  tokenLast4: string | null;
  baseUrlExample: string;
  expiryHint: string;
  canEdit: boolean;
  /** The other apps' Sync endpoints (normalised): typing one of them shows a warning naming that app. */
  otherEndpoints?: readonly { name: string; endpoint: string }[];
  /** Answers the app's state after saving: a held (paused) or quarantined app goes back to its Overview, where Resume checks the new settings; a new one goes on to Authorize. */
  save: (
    input: ConfigureProvisioningInput & { appId: string },
  ) => Promise<ActionResult<{ changed: string[]; state: "DRAFT" | "ACTIVE" | "PAUSED" | "QUARANTINED" }>>;
}

export function ConfigureForm({ appId, initial, tokenLast4, baseUrlExample, expiryHint, canEdit, otherEndpoints = [], save }: Props) {
  const router = useRouter();
  const form = useForm<ConfigureProvisioningForm, unknown, ConfigureProvisioningInput>({
    resolver: zodResolver(configureProvisioningInput),
    defaultValues: { ...initial, token: "" },
  });
  // The saved values also go in as `defaultValue`: react-hook-form fills registered fields only once the page has
  // hydrated, and until then the server's HTML would show them empty.
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: ConfigureProvisioningInput) {
    const result = await save({ ...values, appId });
    if (!result.ok) {
      const fieldErrors = Object.entries(result.fieldErrors ?? {});
      for (const [field, messages] of fieldErrors) form.setError(field as keyof ConfigureProvisioningForm, { message: messages[0] });
      if (fieldErrors.length === 0) form.setError("root", { message: result.message });
      return;
    }
    const { changed, state } = result.data;
    if (state === "PAUSED" || state === "QUARANTINED") {
      toast.success(changed.length ? "Saved. Click Resume: Roster checks the connection first, then sends every change made meanwhile." : "Nothing changed.");
      router.push(`/applications/${appId}`);
    } else if (state === "ACTIVE") {
      toast.success(changed.length ? "Saved." : "Nothing changed.");
      router.push(`/applications/${appId}`);
    } else {
      toast.success(changed.length ? "Saved. Next, check that Roster can reach the app." : "Nothing changed.");
      router.push(`/applications/${appId}/provisioning/authorize`);
    }
    router.refresh();
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-5 px-6 py-5">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField id="baseUrl" label="Sync endpoint" hint={`The SCIM base URL, such as ${baseUrlExample}`} error={errors.baseUrl?.message}>
        <Input
          id="baseUrl"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          disabled={!canEdit}
          aria-invalid={Boolean(errors.baseUrl)}
          defaultValue={initial.baseUrl}
          {...form.register("baseUrl")}
        />
      </FormField>
      <EndpointTwinWarning value={form.watch("baseUrl") ?? initial.baseUrl} others={otherEndpoints} />
      <FormField
        id="token"
        label="SCIM token"
        hint={
          tokenLast4
            ? `A token ending in ${tokenLast4} is saved. Leave this empty to keep it, or paste a new one to replace it.`
            : "Shown once by the app when you create it. Roster stores it encrypted and never shows it again."
        }
        error={errors.token?.message}
      >
        <Input
          id="token"
          type="password"
          autoComplete="off"
          placeholder={tokenLast4 ? `••••••••${tokenLast4}` : ""}
          disabled={!canEdit}
          aria-invalid={Boolean(errors.token)}
          {...form.register("token")}
        />
      </FormField>
      <FormField id="tokenExpiresOn" label="Token expires on (optional)" hint={expiryHint} error={errors.tokenExpiresOn?.message}>
        <Input
          id="tokenExpiresOn"
          type="date"
          className="max-w-48"
          disabled={!canEdit}
          defaultValue={initial.tokenExpiresOn}
          {...form.register("tokenExpiresOn")}
        />
      </FormField>
      {canEdit ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : "Save and continue"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
