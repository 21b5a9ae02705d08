"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/class-names";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";
import { DIRECTORY_FIELDS, type DirectoryField } from "@/lib/provisioning/mapping/directory-fields";
import { NAME_ID_FORMATS, samlSettingsInput, type SamlSettingsForm as FormValues, type SamlSettingsInput } from "@/lib/sso/schemas";

const FIXED = "__fixed";

interface Props {
  appId: string;
  appName: string;
  initial: FormValues;
  canEdit: boolean;
  save: (input: { appId: string; settings: SamlSettingsInput }) => Promise<ActionResult<{ enabled: boolean }>>;
}

/** The app's side of SAML: who it is, where sign-ins go, how it recognises people, and the attributes sent. */
export function SamlSettingsForm({ appId, appName, initial, canEdit, save }: Props) {
  const router = useRouter();
  const form = useForm<FormValues, unknown, SamlSettingsInput>({ resolver: zodResolver(samlSettingsInput), defaultValues: initial });
  const attributes = useFieldArray({ control: form.control, name: "attributes" });
  const { errors, isSubmitting } = form.formState;
  const enabled = form.watch("enabled");

  async function onSubmit(values: SamlSettingsInput) {
    const result = await save({ appId, settings: values });
    if (!result.ok) {
      const fieldErrors = Object.entries(result.fieldErrors ?? {});
      for (const [field, messages] of fieldErrors) form.setError(field.replace(/^settings\./, "") as keyof FormValues, { message: messages[0] });
      if (fieldErrors.length === 0) form.setError("root", { message: result.message });
      return;
    }
    toast.success(result.data.enabled ? `Saved. People assigned to ${appName} can now sign in to it through Roster.` : "Saved. Single sign-on stays off.");
    form.reset(values);
    router.refresh();
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-5 px-6 py-5">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <div className="flex items-start justify-between gap-6">
        <div>
          <p id="sso-enabled-label" className="font-medium text-zinc-900">
            Single sign-on
          </p>
          <p className="text-sm text-zinc-500">
            {enabled ? `On: people assigned to ${appName} sign in to it with Roster.` : `Off: Roster answers no sign-in requests for ${appName}.`}
          </p>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={enabled}
          aria-labelledby="sso-enabled-label"
          disabled={!canEdit}
          onClick={() => form.setValue("enabled", !enabled, { shouldDirty: true })}
          className={cn(
            "relative mt-1 inline-flex h-6 w-11 shrink-0 rounded-full transition-colors disabled:opacity-50",
            enabled ? "bg-brand-600" : "bg-zinc-300",
          )}
        >
          <span className={cn("absolute top-0.5 left-0.5 size-5 rounded-full bg-white shadow transition-transform", enabled && "translate-x-5")} />
        </button>
      </div>
      <FormField id="sp-entity-id" label="App's Entity ID" hint="Also called SP Entity ID, Audience or Identifier." error={errors.spEntityId?.message}>
        <Input id="sp-entity-id" autoComplete="off" disabled={!canEdit} aria-invalid={Boolean(errors.spEntityId)} {...form.register("spEntityId")} />
      </FormField>
      <FormField id="acs-url" label="ACS URL" hint="Where the app receives sign-ins: its Assertion Consumer Service URL." error={errors.acsUrl?.message}>
        <Input id="acs-url" type="url" autoComplete="off" disabled={!canEdit} aria-invalid={Boolean(errors.acsUrl)} {...form.register("acsUrl")} />
      </FormField>
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField
          id="name-id-source"
          label="NameID value"
          hint="How the app recognises each person. The provisioned user name keeps sign-in and provisioning in agreement."
          error={errors.nameIdSource?.message}
        >
          <Select id="name-id-source" disabled={!canEdit} {...form.register("nameIdSource")}>
            <option value="userName">User name sent by provisioning</option>
            {(Object.entries(DIRECTORY_FIELDS) as [DirectoryField, string][]).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="name-id-format" label="NameID format" error={errors.nameIdFormat?.message}>
          <Select id="name-id-format" disabled={!canEdit} {...form.register("nameIdFormat")}>
            {Object.entries(NAME_ID_FORMATS).map(([key, format]) => (
              <option key={key} value={key}>
                {format.label}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-zinc-800">Attributes</legend>
        <p className="text-sm text-zinc-500">Extra values sent with each sign-in, under the names the app expects. Leave empty if the app needs none.</p>
        {typeof errors.attributes?.message === "string" ? (
          <p role="alert" className="text-sm text-red-600">
            {errors.attributes.message}
          </p>
        ) : null}
        {attributes.fields.map((field, index) => (
          <AttributeRow key={field.id} index={index} form={form} canEdit={canEdit} onRemove={() => attributes.remove(index)} />
        ))}
        {canEdit ? (
          <Button variant="secondary" size="sm" onClick={() => attributes.append({ name: "", sourceField: "email", hardcodedValue: null, transforms: [] })}>
            <Plus aria-hidden className="size-4" />
            Add attribute
          </Button>
        ) : null}
      </fieldset>
      {canEdit ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : "Save single sign-on settings"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

function AttributeRow({
  index,
  form,
  canEdit,
  onRemove,
}: {
  index: number;
  form: ReturnType<typeof useForm<FormValues, unknown, SamlSettingsInput>>;
  canEdit: boolean;
  onRemove: () => void;
}) {
  const sourceField = form.watch(`attributes.${index}.sourceField`);
  const rowErrors = form.formState.errors.attributes?.[index];
  const number = index + 1;
  return (
    <div className="grid gap-3 rounded-lg p-3 ring-1 ring-zinc-200 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-start">
      <FormField id={`attribute-${index}-name`} label={`Attribute ${number} name`} error={rowErrors?.name?.message}>
        <Input
          id={`attribute-${index}-name`}
          autoComplete="off"
          disabled={!canEdit}
          aria-invalid={Boolean(rowErrors?.name)}
          {...form.register(`attributes.${index}.name`)}
        />
      </FormField>
      <FormField id={`attribute-${index}-source`} label={`Attribute ${number} value from`} error={rowErrors?.sourceField?.message}>
        <Select
          id={`attribute-${index}-source`}
          disabled={!canEdit}
          value={sourceField ?? FIXED}
          onChange={(event) => {
            const value = event.target.value;
            if (value === FIXED) {
              form.setValue(`attributes.${index}.sourceField`, null, { shouldDirty: true });
              form.setValue(`attributes.${index}.hardcodedValue`, "", { shouldDirty: true });
            } else {
              form.setValue(`attributes.${index}.sourceField`, value as DirectoryField, { shouldDirty: true });
              form.setValue(`attributes.${index}.hardcodedValue`, null, { shouldDirty: true });
            }
          }}
        >
          {(Object.entries(DIRECTORY_FIELDS) as [DirectoryField, string][]).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
          <option value={FIXED}>The same value for everyone</option>
        </Select>
      </FormField>
      {sourceField === null ? (
        <FormField id={`attribute-${index}-value`} label={`Attribute ${number} value for everyone`} error={rowErrors?.hardcodedValue?.message}>
          <Input id={`attribute-${index}-value`} autoComplete="off" disabled={!canEdit} {...form.register(`attributes.${index}.hardcodedValue`)} />
        </FormField>
      ) : (
        <div className="hidden sm:block" />
      )}
      {canEdit ? (
        <Button variant="ghost" size="sm" className="sm:mt-7" aria-label={`Remove attribute ${number}`} onClick={onRemove}>
          <Trash2 aria-hidden className="size-4" />
        </Button>
      ) : null}
    </div>
  );
}
