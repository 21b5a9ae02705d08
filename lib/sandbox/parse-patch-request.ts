import { isPlainObject } from "./is-plain-object.ts";
import { PATCH_OP } from "./schema-urns.ts";
import { ScimProblem } from "./scim-problem.ts";

export interface PatchOperation {
  op: "add" | "replace" | "remove";
  path?: string;
  value?: unknown;
}

const OPS = new Set(["add", "replace", "remove"]);

/**
 * Reads a PatchOp body. Lenient where real clients differ and the meaning is clear: op names in
 * any case (Entra sends "Replace"), and `operations` as well as `Operations` (Atlassian's own
 * OpenAPI model uses the lower-case name).
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) throw invalidSyntax("The PATCH body must be a JSON object.");
  if (!Array.isArray(body.schemas) || !body.schemas.includes(PATCH_OP)) {
    throw invalidSyntax(`The PATCH body must list the schema ${PATCH_OP}.`);
  }
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw invalidSyntax("The PATCH body needs a non-empty Operations list.");
  return operations.map((operation: unknown, index) => {
    if (!isPlainObject(operation) || typeof operation.op !== "string") throw invalidSyntax(`Operation ${index + 1} has no op.`);
    const op = operation.op.toLowerCase();
    if (!OPS.has(op)) throw invalidSyntax(`Operation ${index + 1} has the unknown op "${operation.op}".`);
    const { path, value } = operation;
    if (path !== undefined && (typeof path !== "string" || path.trim() === ""))
      throw new ScimProblem(400, `Operation ${index + 1} has an invalid path.`, "invalidPath");
    if (op === "remove" && path === undefined) throw new ScimProblem(400, `Operation ${index + 1} removes without a path.`, "noTarget");
    if (op !== "remove" && value === undefined) throw new ScimProblem(400, `Operation ${index + 1} has no value.`, "invalidValue");
    return { op: op as PatchOperation["op"], path, value };
  });
}

function invalidSyntax(detail: string): ScimProblem {
  return new ScimProblem(400, detail, "invalidSyntax");
}
