import type { UseFormRegisterReturn } from "react-hook-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

interface CodeFieldProps {
  id?: string;
  label: string;
  error?: string;
  registration: UseFormRegisterReturn;
  /** Digits only (an authenticator's code); off where a recovery code may be typed too. */
  numeric?: boolean;
  autoFocus?: boolean;
  /** The id of a hint shown elsewhere, read out with the field while there is no error. */
  describedBy?: string;
}

/** The field a person types a code from their authenticator app (or a recovery code) into. */
export function CodeField({ id = "code", label, error, registration, numeric = true, autoFocus, describedBy }: CodeFieldProps) {
  return (
    <FormField id={id} label={label} error={error}>
      <Input
        id={id}
        autoComplete="one-time-code"
        inputMode={numeric ? "numeric" : "text"}
        autoFocus={autoFocus}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : describedBy}
        {...registration}
      />
    </FormField>
  );
}
