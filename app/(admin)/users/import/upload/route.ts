import { AppError, HTTP_STATUS } from "@/lib/app-error";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { requirePermission } from "@/lib/auth/require";
import { previewPeopleImport } from "@/lib/directory/csv/preview-people-import";
import { MAX_IMPORT_BYTES, importFileInput } from "@/lib/directory/csv/schemas";
import { writeContextFor } from "@/lib/directory/users/write-context";

// A route handler rather than a server action, whose request bodies Next caps at 1 MB;
// it answers with the same contract through the same factory.
const previewImport = defineAction({ input: importFileInput, access: "manage users" }, async ({ file }, session) =>
  previewPeopleImport({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, writeContextFor(session!, (await getRequestMeta()).ip)),
);

const TOO_LARGE = "This file is larger than 5 MB. Split it into smaller files and import them one by one.";

function refuse(code: keyof typeof HTTP_STATUS, message: string, status = HTTP_STATUS[code]) {
  return Response.json({ ok: false, code, message }, { status });
}

/** The host an `Origin` header names, or null when it names none (`null`, from a sandboxed frame or a redirect, or garbage). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host || null;
  } catch {
    return null;
  }
}

/** Receives a CSV file (multipart field `file`), checks it, and answers `{ ok, data: { importId } }` for the preview page. */
export async function POST(request: Request) {
  // Who is asking comes first: nothing of the body is read for someone who may not import.
  try {
    await requirePermission("manage users");
  } catch (error) {
    if (error instanceof AppError) return refuse(error.code, error.message);
    throw error;
  }
  // Server actions refuse other sites' requests; this handler does the same.
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  // A bad request rather than a refusal of the person: they may import, just not from that page.
  if (origin !== null && originHost(origin) !== host) return refuse("invalid_input", "Upload the file from Roster's own import page.");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES + 64 * 1024) {
    return Response.json({ ok: false, code: "invalid_input", message: TOO_LARGE, fieldErrors: { file: [TOO_LARGE] } }, { status: 413 });
  }
  const form = await request.formData().catch(() => null);
  const result = await previewImport({ file: form?.get("file") as File });
  return Response.json(result, { status: result.ok ? 200 : result.code === "internal" ? 500 : HTTP_STATUS[result.code] });
}
