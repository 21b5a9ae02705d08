/** A request the sandbox refuses, rendered as an RFC 7644 error body by the HTTP layer. */
export class ScimProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: string,
  ) {
    super(detail);
  }
}

export const invalidFilter = () => new ScimProblem(400, "Caller has provided an invalid filter", "invalidFilter");
export const invalidValue = (detail: string) => new ScimProblem(400, detail, "invalidValue");
export const notFound = (what: string, id: string) => new ScimProblem(404, `${what} ${id} not found`);
