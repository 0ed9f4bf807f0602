/**
 * CPU time used by the benchmark's servers, read from Linux's /proc: how much
 * of one request each process pays for, and whether the app's main thread
 * (where JavaScript runs) is the one that limits throughput.
 *
 * A profiler answers "which function", but slows the app down and samples;
 * these are the kernel's own counters, taken around a measurement, with the
 * app running at full speed. Threads other than the main one are Node's
 * thread pool (the crypto of the session cookie, WebCrypto) and V8's
 * garbage-collection and compiler helpers.
 *
 * Elsewhere than Linux, `cpuTime` returns undefined and the benchmark
 * prints no CPU columns.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** CPU time (user + system, ms) of a process's main thread and of all its other threads. */
export type CpuTime = { mainMs: number; otherMs: number };

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  return ticksPerSecond;
}

/** The CPU time a process has used so far; undefined where there is no /proc. */
export function cpuTime(pid: number): CpuTime | undefined {
  const tasks = `/proc/${pid}/task`;
  if (!fs.existsSync(tasks)) return undefined;
  const time = { mainMs: 0, otherMs: 0 };
  for (const tid of fs.readdirSync(tasks)) {
    let stat: string;
    try {
      stat = fs.readFileSync(`${tasks}/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    // utime and stime are the 14th and 15th fields (man 5 proc), counted after
    // the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
    if (tid === String(pid)) time.mainMs += ms;
    else time.otherMs += ms;
  }
  return time;
}

export const addCpu = (a: CpuTime, b: CpuTime): CpuTime => ({
  mainMs: a.mainMs + b.mainMs,
  otherMs: a.otherMs + b.otherMs,
});

export const subtractCpu = (a: CpuTime, b: CpuTime): CpuTime => ({
  mainMs: a.mainMs - b.mainMs,
  otherMs: a.otherMs - b.otherMs,
});

/** The whole machine's CPU counters (/proc/stat, ms summed over all cores); undefined elsewhere. */
export type MachineCpu = { busyMs: number; stolenMs: number; totalMs: number };

export function machineCpu(): MachineCpu | undefined {
  if (!fs.existsSync('/proc/stat')) return undefined;
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (man 5 proc)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((ticks) => (Number(ticks) * 1000) / clockTicks());
  const busyMs = user! + nice! + system! + irq! + softirq!;
  const stolenMs = steal ?? 0;
  return { busyMs, stolenMs, totalMs: busyMs + idle! + iowait! + stolenMs };
}

/**
 * Time stolen by the hypervisor: on a virtual machine, the share of the time
 * its cores wanted to run but the host ran something else. Every figure of a
 * run with much of it is slower than it would be, and not by the same amount.
 */
export function stolenShare(before: MachineCpu, after: MachineCpu): number {
  return (after.stolenMs - before.stolenMs) / (after.totalMs - before.totalMs);
}
