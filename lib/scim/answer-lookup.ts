import type { LookupAddress, LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";

type LookupCallback = Parameters<LookupFunction>[2];

/**
 * Answers a `dns.lookup`-style call from addresses already resolved and checked: those of the
 * family asked for (all when none is), as a list when `all` is set, else the first.
 */
export function answerLookup(host: string, addresses: readonly LookupAddress[], options: LookupOptions, callback: LookupCallback): void {
  const wanted = options.family === 4 || options.family === 6 ? addresses.filter((entry) => entry.family === options.family) : [...addresses];
  if (wanted.length === 0) {
    const family = options.family === 4 || options.family === 6 ? `IPv${options.family} ` : "";
    return callback(Object.assign(new Error(`${host} has no ${family}address.`), { code: "ENOTFOUND" }), "", 0);
  }
  if (options.all) return (callback as (error: null, addresses: LookupAddress[]) => void)(null, wanted);
  callback(null, wanted[0]!.address, wanted[0]!.family);
}
