const REDACTED = "[redacted SCIM token]";
// Visible ASCII only: anything else cannot go into an HTTP header, and fetch would quote the
// offending header, token included, in its error message.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * Holds the SCIM token so that it cannot leak by accident: `String(token)`, `JSON.stringify`,
 * `console.log` and template literals all print a placeholder. Only `reveal()` gives the value,
 * and the client calls it in one place, when it builds the Authorization header.
 */
export class BearerToken {
  readonly #value: string;

  constructor(value: string) {
    // Pasted keys often carry a trailing newline or space.
    const token = value.trim();
    if (token === "") {
      throw new TypeError("The SCIM token is empty. Paste the API key that the app showed you.");
    }
    if (!HEADER_SAFE.test(token)) {
      throw new TypeError("The SCIM token contains spaces or characters that cannot be sent. Paste the API key again, exactly as the app showed it.");
    }
    this.#value = token;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
}
