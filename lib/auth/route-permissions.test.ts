import { describe, expect, it } from "vitest";
import { permissionsForPath } from "./route-permissions";

describe("permissionsForPath", () => {
  it.each([
    ["/applications/0c7c5a8e-3d1f-4f7e-9a51-2b8f0f3e4d21/provisioning/configure", ["view apps"]],
    ["/applications/0c7c5a8e-3d1f-4f7e-9a51-2b8f0f3e4d21/import", ["view apps", "import users"]],
    ["/users/new", ["manage users"]],
    ["/users/0c7c5a8e-3d1f-4f7e-9a51-2b8f0f3e4d21", []],
    ["/users/0c7c5a8e-3d1f-4f7e-9a51-2b8f0f3e4d21/edit", ["manage users"]],
    ["/users/import/", ["manage users"]],
    ["/admins", ["manage organization"]],
    ["/account/password", []],
    ["/set-password/some-token", []],
    ["/", []],
    ["/no/such/page", []],
  ])("%s needs %j", (pathname, needs) => {
    expect(permissionsForPath(pathname)).toEqual(needs);
  });
});
