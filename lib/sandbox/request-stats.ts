export interface StatsSnapshot {
  total: number;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
  /** Keys like "POST 201". */
  byMethodAndStatus: Record<string, number>;
  /** Injected faults by kind: delayed, hang, 429, 500, 503, slowBody. */
  faults: Record<string, number>;
}

/** Counters of the SCIM requests answered, for tests to assert on and for the demo's curiosity. */
export class RequestStats {
  #stats = emptyStats();

  record(method: string, status: number): void {
    this.#stats.total += 1;
    increment(this.#stats.byMethod, method);
    increment(this.#stats.byStatus, String(status));
    increment(this.#stats.byMethodAndStatus, `${method} ${status}`);
  }

  recordFault(kind: string): void {
    increment(this.#stats.faults, kind);
  }

  snapshot(): StatsSnapshot {
    return structuredClone(this.#stats);
  }

  reset(): void {
    this.#stats = emptyStats();
  }
}

function emptyStats(): StatsSnapshot {
  return { total: 0, byMethod: {}, byStatus: {}, byMethodAndStatus: {}, faults: {} };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
