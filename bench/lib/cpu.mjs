// CPU seconds used by processes, read from /proc (Linux), so a benchmark can say where its time went.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

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

/**
 * Processes pinned to CPUs with taskset (every thread), to model machines of their own on one host: `apart()`
 * gives the last CPU to one process and the others to the rest. Null where taskset or a second CPU is missing.
 */
export function cpuPinning() {
  const require = createRequire(import.meta.url);
  const { findBinary } = require('../../scripts/lib/system.cjs');
  const taskset = findBinary('taskset');
  const count = availableParallelism();
  if (!taskset || count < 2) return null;
  const pin = (pid, cpus) => execFileSync(taskset, ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  const rest = count === 2 ? '0' : `0-${count - 2}`;
  return {
    /** The process that gets a CPU of its own. */
    alone: (pid) => pin(pid, String(count - 1)),
    /** A process sharing the other CPUs. */
    others: (pid) => pin(pid, rest),
    /** Back to every CPU. */
    release: (pid) => pin(pid, `0-${count - 1}`),
  };
}
