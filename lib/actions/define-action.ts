import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError, type AppErrorCode } from "../app-error";
import type { Capability } from "../auth/permissions";
import { requirePermission } from "../auth/require";
import type { CurrentSession } from "../auth/session";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: AppErrorCode | "internal"; message: string; fieldErrors?: Record<string, string[]> };

/** One permission, or several that the admin must all hold (e.g. an action that changes an app and answers with its data). */
type Access = Capability | "admin access" | "public" | readonly [Capability, ...Capability[]];

/**
 * The one contract of every server action: parse the input with the feature's
 * zod schema, check the session and permission on the server, run the service,
 * and answer `{ ok, data }` or `{ ok: false, code, message, fieldErrors }`.
 * Unexpected errors are logged with an id and answered with that id only.
 */
export function defineAction<Schema extends z.ZodType, T>(
  options: { input: Schema; access: Access },
  handler: (input: z.infer<Schema>, session: CurrentSession | null) => Promise<T>,
): (raw: z.input<Schema>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const { access } = options;
      const session = access === "public" ? null : typeof access === "string" ? await requirePermission(access) : await requirePermission(...access);
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) {
          const field = issue.path.join(".") || "form";
          (fieldErrors[field] ??= []).push(issue.message);
        }
        return { ok: false, code: "invalid_input", message: "Some fields need your attention.", fieldErrors };
      }
      return { ok: true, data: await handler(parsed.data, session) };
    } catch (error) {
      if (error instanceof AppError) {
        return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
      }
      const eventId = randomUUID();
      console.error(JSON.stringify({ level: "error", eventId, message: "Server action failed", error: describe(error) }));
      return { ok: false, code: "internal", message: `Something went wrong on our side. Reference: ${eventId}.` };
    }
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
}
