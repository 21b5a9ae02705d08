/**
 * The DNS TXT record that proves an organization controls a domain, and what
 * a lookup of it means. Pure.
 */
export interface VerificationRecord {
  /** Where the record goes: `_roster-verification.example.com`. */
  host: string;
  /** What it must say: `roster-verification=<token>`. */
  value: string;
}

export function verificationRecord(domain: { name: string; verificationToken: string }): VerificationRecord {
  return { host: `_roster-verification.${domain.name}`, value: `roster-verification=${domain.verificationToken}` };
}

/** What the DNS answered for the record's host. */
export type TxtLookup = { kind: "found"; values: string[] } | { kind: "none" } | { kind: "unreachable" };

export type VerificationOutcome = { verified: true } | { verified: false; reason: string };

export function checkVerification(lookup: TxtLookup, record: VerificationRecord): VerificationOutcome {
  switch (lookup.kind) {
    case "found":
      return lookup.values.some((value) => value.trim() === record.value)
        ? { verified: true }
        : {
            verified: false,
            reason: `A TXT record exists at ${record.host}, but its value is not ${record.value}. Check that you copied the whole value, then verify again.`,
          };
    case "none":
      return {
        verified: false,
        reason: `There is no TXT record at ${record.host} yet. Add it at your DNS provider; new records can take up to an hour to appear, then verify again.`,
      };
    case "unreachable":
      return { verified: false, reason: "The DNS server did not answer, so the record could not be checked. Try again in a few minutes." };
  }
}
