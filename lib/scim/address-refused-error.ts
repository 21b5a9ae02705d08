/** The `code` of a connection that a `lookup` refused; see `ScimClientOptions.lookup`. */
export const ADDRESS_REFUSED = "ADDRESS_REFUSED";

/**
 * What a client's `lookup` passes back to refuse a connection: the host's address is not one the
 * token may go to, or the host has no address. Its message is shown as it is, so say in plain
 * words what is wrong and what to do. Nothing is sent, and the request is not retried.
 */
export class AddressRefusedError extends Error {
  override readonly name = "AddressRefusedError";
  readonly code = ADDRESS_REFUSED;
}
