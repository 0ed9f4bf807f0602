/**
 * @jest-environment node
 */
import { Worker } from 'node:worker_threads';
import { cpuTime, subtractCpu } from './process-cpu';

const onLinux = process.platform === 'linux' ? it : it.skip;

function spin(ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end);
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
    'const end = Date.now() + 300; while (Date.now() < end); require("node:worker_threads").parentPort.postMessage("done");',
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
