/** Organization settings input; shared by the settings form and the server. Pure zod: safe in the browser. */
import { z } from "zod";

export const PLANS = ["FREE", "STANDARD", "PROFESSIONAL"] as const;
export type PlanName = (typeof PLANS)[number];
export const PLAN_LABELS: Record<PlanName, string> = { FREE: "Free", STANDARD: "Standard", PROFESSIONAL: "Professional" };

export const updateOrganizationInput = z.object({
  name: z
    .string()
    .trim()
    .min(2, { error: "Enter a name of at least 2 characters." })
    .max(100, { error: "Keep the name under 100 characters." })
    .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { error: "The name cannot contain line breaks or control characters." }),
  plan: z.enum(PLANS, { error: "Choose Free, Standard or Professional." }),
});
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationInput>;
