/** Sign-in input, shared by the form and the server. Pure zod: safe in the browser. */
import { z } from "zod";

export const signInInput = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: "Enter the e-mail address you sign in with." })
    .toLowerCase()
    .pipe(z.email({ error: "Enter the e-mail address you sign in with." })),
  password: z.string().min(1, { error: "Enter your password." }).max(1024, { error: "That password is too long." }),
});
export type SignInInput = z.infer<typeof signInInput>;

export const PASSWORD_MIN_LENGTH = 12;

const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters.` })
  .max(1024, { error: "That password is too long." });

/** A new password typed twice; the second must match. */
const newPasswordFields = z
  .object({ password: newPassword, confirm: z.string() })
  .refine((values) => values.password === values.confirm, { error: "The two passwords do not match.", path: ["confirm"] });

/** The public set-password page: the link's token and the new password. */
export const setPasswordInput = z
  .object({ token: z.string().min(1).max(200), password: newPassword, confirm: z.string() })
  .refine((values) => values.password === values.confirm, { error: "The two passwords do not match.", path: ["confirm"] });
export type SetPasswordInput = z.infer<typeof setPasswordInput>;
export const setPasswordFormInput = newPasswordFields;
export type SetPasswordFormValues = z.infer<typeof setPasswordFormInput>;

/** Changing one's own password: the current one, then the new one twice. */
export const changePasswordInput = z
  .object({ current: z.string().min(1, { error: "Enter your current password." }).max(1024), password: newPassword, confirm: z.string() })
  .refine((values) => values.password === values.confirm, { error: "The two passwords do not match.", path: ["confirm"] })
  .refine((values) => values.password !== values.current, { error: "Choose a password different from your current one.", path: ["password"] });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** The second step of signing in: a 6-digit code from the authenticator app, or a recovery code. */
export const secondStepInput = z.object({
  code: z.string().trim().min(1, { error: "Enter the code from your authenticator app, or a recovery code." }).max(40, { error: "That code is too long." }),
});
export type SecondStepInput = z.infer<typeof secondStepInput>;

/** Confirming an authenticator: the 6-digit code it shows now. */
export const confirmTwoStepInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "Enter the 6-digit code your authenticator app shows." }),
});
export type ConfirmTwoStepInput = z.infer<typeof confirmTwoStepInput>;

/** The Settings page's choice of who must use two-step sign-in. */
export const twoStepRequirementInput = z.object({ requirement: z.enum(["NOBODY", "ADMINS", "EVERYONE"], { error: "Choose who must use two-step sign-in." }) });

/**
 * Where a sign-in returns to once done (an app's single sign-on request), as the browser carries it through the
 * sign-in steps. Only a shape here: the server checks the path itself with safeReturnTo before going there.
 */
export const returnToInput = z.object({
  returnTo: z
    .string()
    .max(16 * 1024)
    .nullish(),
});
