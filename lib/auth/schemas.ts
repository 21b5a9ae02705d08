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
