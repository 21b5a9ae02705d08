import { atlassian } from "./atlassian";
import type { Connector } from "./connector";
import { customScim } from "./custom-scim";

/** The apps an admin can add, in the order the catalog shows them. */
export const CATALOG: readonly Connector[] = [atlassian, customScim];

export function getConnector(key: string): Connector | undefined {
  return CATALOG.find((connector) => connector.key === key);
}
