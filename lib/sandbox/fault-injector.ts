import { z } from "zod";
import { seededRandom } from "./seeded-random.ts";

const rate = z.number().min(0).max(1);
const milliseconds = z.number().int().min(0);

/** Strict, so that a misspelt setting in a test fails loudly instead of silently injecting nothing. */
export const faultSettingsSchema = z.strictObject({
  /** Added to every SCIM request. */
  latencyMs: milliseconds.optional(),
  /** A random extra delay drawn from [min, max]. */
  latencyRangeMs: z.tuple([milliseconds, milliseconds]).optional(),
  /** Share of requests answered 500 or 503 (half each) before anything is done. */
  serverErrorRate: rate.optional(),
  /** Share of requests answered 429 before anything is done. */
  rateLimitRate: rate.optional(),
  /** The Retry-After sent with an injected 429 or 503. Default 1. */
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** Share of requests that get no answer: never, or after hangMs, when the request is then carried out. */
  hangRate: rate.optional(),
  hangMs: milliseconds.optional(),
  /** Share of answers sent a few bytes at a time. */
  slowBodyRate: rate.optional(),
  /** Pause between two slices of a slow body. Default 50. */
  slowBodyChunkDelayMs: milliseconds.optional(),
  /** Only requests with these methods get a fault (latency still applies to all); every method when left out. */
  methods: z
    .array(z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]))
    .min(1)
    .optional(),
  /** Same seed, same sequence of faults for the same sequence of requests. Default 1. */
  seed: z.number().int().optional(),
});

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export type FaultOutcome =
  | { kind: "none" }
  | { kind: "hang"; forMs?: number }
  | { kind: "status"; status: 429 | 500 | 503; retryAfterSeconds?: number }
  | { kind: "slowBody"; chunkDelayMs: number };

export interface FaultDecision {
  delayMs: number;
  outcome: FaultOutcome;
}

export class FaultInjector {
  #settings: FaultSettings = {};
  #random = seededRandom(1);

  constructor(settings: FaultSettings = {}) {
    this.set(settings);
  }

  get settings(): FaultSettings {
    return this.#settings;
  }

  /** Replaces every setting (an empty object turns faults off) and restarts the random sequence. */
  set(settings: FaultSettings): void {
    this.#settings = faultSettingsSchema.parse(settings);
    this.#random = seededRandom(this.#settings.seed ?? 1);
  }

  /** Draws the same number of random values for every request, so one setting does not shift the others' sequence. */
  next(method?: string): FaultDecision {
    const [latency, hang, limited, failed, which, slow] = Array.from({ length: 6 }, this.#random) as [number, number, number, number, number, number];
    const settings = this.#settings;
    const [min, max] = settings.latencyRangeMs ?? [0, 0];
    const delayMs = (settings.latencyMs ?? 0) + Math.round(min + latency * Math.max(0, max - min));
    const retryAfterSeconds = settings.retryAfterSeconds ?? 1;
    if (settings.methods && !(settings.methods as readonly string[]).includes(method ?? "")) return { delayMs, outcome: { kind: "none" } };

    if (hang < (settings.hangRate ?? 0)) return { delayMs, outcome: { kind: "hang", forMs: settings.hangMs } };
    if (limited < (settings.rateLimitRate ?? 0)) return { delayMs, outcome: { kind: "status", status: 429, retryAfterSeconds } };
    if (failed < (settings.serverErrorRate ?? 0)) {
      return { delayMs, outcome: which < 0.5 ? { kind: "status", status: 500 } : { kind: "status", status: 503, retryAfterSeconds } };
    }
    if (slow < (settings.slowBodyRate ?? 0)) return { delayMs, outcome: { kind: "slowBody", chunkDelayMs: settings.slowBodyChunkDelayMs ?? 50 } };
    return { delayMs, outcome: { kind: "none" } };
  }
}
