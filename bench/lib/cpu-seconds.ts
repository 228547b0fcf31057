import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Linux's clock ticks per second for /proc/<pid>/stat (USER_HZ: 100 on every common build). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat;
 * 0 when it is gone or /proc is not there (not Linux).
 */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** This process's CPU seconds so far. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** One line: who used how much of the machine's CPU during `seconds` of wall time. */
export function describeCpu(seconds: number, shares: Record<string, number>): string {
  const cores = os.cpus().length;
  const used = Object.values(shares).reduce((a, b) => a + b, 0);
  const parts = Object.entries(shares).map(([k, v]) => `${k} ${v.toFixed(1)} s`);
  return `CPU in ${seconds.toFixed(1)} s on ${cores} cores (${(seconds * cores).toFixed(1)} core-s): ${parts.join(', ')} = ${((used / (seconds * cores)) * 100).toFixed(0)}% of the machine`;
}
