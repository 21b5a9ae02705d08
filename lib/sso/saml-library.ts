/**
 * samlify, the SAML library Roster signs its responses with. It is CommonJS and defines some exports as
 * getters, which Node's ESM loader cannot see as named exports: take them from the module object whichever
 * way the runtime (Node with tsx, vitest, Next's bundler) hands it over.
 */
import "server-only";
import * as samlifyNamespace from "samlify";

type Samlify = typeof samlifyNamespace;
const samlify: Samlify = (samlifyNamespace as unknown as { default?: Samlify }).default ?? samlifyNamespace;

export const { SamlLib } = samlify;
