/**
 * CPU time of the processes a benchmark runs, so a figure can say where the
 * machine's cores went: the worker, the sandbox, PostgreSQL (all its
 * processes, found by name) and the benchmark itself.
 */
import pidusage from "pidusage";
import psList from "ps-list";

/** For each group of processes, the CPU milliseconds each of its processes had used so far. */
export type CpuReading = Record<string, Map<number, number>>;

/** Reads the named processes, every PostgreSQL process (as `database`) and this one (as `bench`). */
export async function readCpu(named: Record<string, number | undefined>): Promise<CpuReading> {
  const groups: Record<string, number[]> = {};
  for (const [name, pid] of Object.entries(named)) groups[name] = pid === undefined ? [] : [pid];
  groups.database = (await psList({ all: true })).filter((entry) => entry.name === "postgres").map((entry) => entry.pid);
  groups.bench = [process.pid];
  const reading: CpuReading = {};
  for (const [name, pids] of Object.entries(groups)) {
    // One call per process: a call for several fails as a whole when one of them (a short-lived backend) has exited.
    const used = await Promise.all(
      pids.map((pid) =>
        pidusage(pid).then(
          (stat) => [pid, stat.ctime] as const,
          () => null,
        ),
      ),
    );
    reading[name] = new Map(used.filter((entry) => entry !== null));
  }
  await pidusage.clear();
  return reading;
}

/**
 * Microseconds of CPU per unit of work between two readings, per group. A
 * process that started and ended between them (an autovacuum worker, say) is
 * in neither reading, so each figure is a lower bound.
 */
export function cpuPerUnit(before: CpuReading, after: CpuReading, units: number): Record<string, number> {
  const perUnit: Record<string, number> = {};
  for (const [name, processes] of Object.entries(after)) {
    let ms = 0;
    for (const [pid, used] of processes) ms += used - (before[name]?.get(pid) ?? 0);
    perUnit[name] = Math.round((ms * 1000) / units);
  }
  return perUnit;
}
