/**
 * The server-only check with a real webpack (the copy Next.js builds with), on
 * a small app written to a temporary folder: a page that imports a
 * server-only module fails the build and the error names the chain; the same
 * page without that import builds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { webpack } from 'next/dist/compiled/webpack/webpack';
import { ServerOnlyCheck } from '@/lib/server-only-check';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-only-check-'));
  const files: Record<string, string> = {
    'lib/server-only.js': 'export {};\n',
    'lib/secrets.js': "import './server-only.js';\nexport const secret = 'server';\n",
    'lib/shared.js': "export const shared = 'anywhere';\n",
    'components/leaky.js':
      "import { secret } from '../lib/secrets.js';\nexport const leaky = secret;\n",
    'pages/leaks.js': "import { leaky } from '../components/leaky.js';\nconsole.log(leaky);\n",
    'pages/clean.js': "import { shared } from '../lib/shared.js';\nconsole.log(shared);\n",
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function build(page: string): Promise<string[]> {
  const compiler = webpack({
    context: dir,
    mode: 'development',
    entry: `./pages/${page}`,
    output: { path: path.join(dir, 'out') },
    plugins: [new ServerOnlyCheck(path.join(dir, 'lib/server-only.js'))],
  });
  return new Promise((resolve, reject) =>
    compiler.run((error: Error | null, stats?: { compilation: { errors: Error[] } }) => {
      compiler.close(() => {});
      if (error || !stats) reject(error ?? new Error('no stats'));
      else resolve(stats.compilation.errors.map((e) => e.message));
    }),
  );
}

test('a page importing a server-only module, even through a component, fails the build', async () => {
  expect(await build('leaks.js')).toEqual([
    "lib/secrets.js is server-only (it imports lib/server-only.ts), but the browser's JavaScript " +
      'imports it: pages/leaks.js → components/leaky.js → lib/secrets.js. Use it in ' +
      'getServerSideProps or an API route, and pass the result to the page as props.',
  ]);
});

test('a page importing only shared modules builds', async () => {
  expect(await build('clean.js')).toEqual([]);
});
