import { GroupStore } from "./group-store.ts";
import { UserStore } from "./user-store.ts";

/** Everything one sandbox directory holds. */
export class Directory {
  readonly users = new UserStore();
  readonly groups = new GroupStore();

  clear(): void {
    this.users.clear();
    this.groups.clear();
  }
}
