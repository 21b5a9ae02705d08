import { inspect } from "node:util";

const REDACTED = "[redacted secret]";

/**
 * A value that must not be logged or sent anywhere by accident: printing,
 * string interpolation and JSON all show a placeholder. `reveal()` is the one
 * way to read it, so every use is easy to find.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  /** The last four characters, the only part ever shown to admins. */
  last4(): string {
    return this.#value.slice(-4);
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
