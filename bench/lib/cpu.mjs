// CPU seconds used by processes, read from /proc (Linux), so a benchmark can say where its time went.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process so far; NaN where /proc cannot tell (not Linux, process gone). */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** [user, system] CPU seconds of a process so far. */
export function cpuSplit(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[11]) / TICKS_PER_SECOND, Number(fields[12]) / TICKS_PER_SECOND];
  } catch {
    return [Number.NaN, Number.NaN];
  }
}

/** Starts a CPU meter over named processes; `stop()` answers the seconds each used since. */
export function cpuMeter(pids) {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return {
    stop: () =>
      Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid) - (start[name] ?? 0)])),
  };
}

/** "bff 3.1 s, mariadb 2.0 s" */
export const formatCpu = (used) =>
  Object.entries(used)
    .map(([name, s]) => `${name} ${Number.isNaN(s) ? '?' : s.toFixed(1)} s`)
    .join(', ');
