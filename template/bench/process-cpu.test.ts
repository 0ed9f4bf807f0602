/**
 * @jest-environment node
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { cpuTime, machineCpu, stolenShare, subtractCpu } from './process-cpu';

const onLinux = process.platform === 'linux' ? it : it.skip;

/** Busy for `ms` of this thread's own CPU time (not wall time: a loaded machine preempts it). */
function spin(ms: number) {
  const start = process.threadCpuUsage();
  while (true) {
    const { user, system } = process.threadCpuUsage(start);
    if ((user + system) / 1000 >= ms) return;
  }
}

onLinux('charges work on the main thread to the main thread', () => {
  const before = cpuTime(process.pid)!;
  spin(300);
  const used = subtractCpu(cpuTime(process.pid)!, before);
  // Clock ticks are 10 ms: allow for the rounding, not for the work missing.
  expect(used.mainMs).toBeGreaterThanOrEqual(250);
  expect(used.otherMs).toBeLessThan(100);
});

onLinux('charges work on another thread to the other threads', async () => {
  const before = cpuTime(process.pid)!;
  const worker = new Worker(
    // Its own CPU time, as spin() above: wall time would fall short on a loaded machine.
    `const start = process.threadCpuUsage();
     const busy = () => { const { user, system } = process.threadCpuUsage(start); return (user + system) / 1000; };
     while (busy() < 300);
     require("node:worker_threads").parentPort.postMessage("done");`,
    { eval: true },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  const used = subtractCpu(cpuTime(process.pid)!, before);
  await worker.terminate();
  expect(used.otherMs).toBeGreaterThanOrEqual(250);
});

it('answers undefined for a process it cannot see', () => {
  expect(cpuTime(2 ** 22 + 1)).toBeUndefined();
});

onLinux(
  'reads the machine counters: a busy core counts as busy, and every core in the total',
  () => {
    const before = machineCpu()!;
    const start = performance.now();
    spin(200);
    const wallMs = performance.now() - start;
    const after = machineCpu()!;
    // Clock ticks are 10 ms per core: allow for the rounding.
    expect(after.busyMs - before.busyMs).toBeGreaterThanOrEqual(wallMs - 30);
    // The cores the counters cover (in a container, maybe more than it may use).
    const cores = fs.readFileSync('/proc/stat', 'utf8').match(/^cpu\d+ /gm)!.length;
    expect(after.totalMs - before.totalMs).toBeGreaterThan(cores * wallMs * 0.8);
    expect(after.totalMs - before.totalMs).toBeLessThan(cores * wallMs * 1.3);
    const stolen = stolenShare(before, after);
    expect(stolen).toBeGreaterThanOrEqual(0);
    expect(stolen).toBeLessThanOrEqual(1);
  },
);
