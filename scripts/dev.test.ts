/**
 * `npm run dev` stands or falls with the processes it starts: when one stops,
 * it stops the others and exits with that process's failure, so that whatever
 * ran it (a script, a CI job, `npm run preview && …`) sees the failure.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { close, closedPort, listen } from '@/test-helpers/listen';
import { exampleEnv } from '@/test-helpers/project';

test('when the products API cannot start, it says why, stops the rest and exits 1', async () => {
  const taken = http.createServer();
  const apiPort = new URL(await listen(taken)).port;
  try {
    const dev = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
      env: {
        ...process.env,
        ...exampleEnv,
        NODE_ENV: 'development',
        APP_BASE_URL: `http://localhost:${await closedPort()}`,
        AUTH0_DOMAIN: `http://localhost:${await closedPort()}`,
        PRODUCTS_API_URL: `http://localhost:${apiPort}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    dev.stdout.on('data', (chunk) => (output += chunk));
    dev.stderr.on('data', (chunk) => (output += chunk));
    const exitCode = await new Promise((resolve) => dev.on('exit', resolve));

    expect(output).toContain(`Port ${apiPort} is in use`);
    expect(output).toMatch(/The products API stopped \(exit code 1\); stopping the rest/);
    expect(exitCode).toBe(1);
  } finally {
    await close(taken);
  }
}, 60_000);
