/**
 * `next build` prints no warning we know to be harmless, and hides no other:
 * next.config.ts silences webpack's "Critical dependency" warning for the SDK's
 * dpopUtils.js only. Checked with a real webpack (the copy Next.js builds with)
 * on a small app in a temporary folder, where the SDK's file and one of ours
 * load a module through a name built at run time, as the SDK does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { webpack } from 'next/dist/compiled/webpack/webpack';
import { PHASE_TEST } from 'next/constants';
import type { WebpackConfigContext } from 'next/dist/server/config-shared';
import nextConfig from '@/next.config';

// The SDK's own lines: the name goes through a variable, which webpack cannot follow.
const DYNAMIC_IMPORT =
  "export async function load() {\n  const cryptoModule = 'cry' + 'pto';\n  return import(cryptoModule);\n}\n";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-warnings-'));
  const files: Record<string, string> = {
    'node_modules/@auth0/nextjs-auth0/dist/utils/dpopUtils.js': DYNAMIC_IMPORT,
    'lib/our-own.js': DYNAMIC_IMPORT,
    'index.js':
      "export * from './node_modules/@auth0/nextjs-auth0/dist/utils/dpopUtils.js';\n" +
      "export { load as loadToo } from './lib/our-own.js';\n",
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What next.config.ts's webpack function adds to the server build's ignoreWarnings. */
function ignoreWarningsOfNextConfig(): unknown[] {
  const customize = nextConfig(PHASE_TEST).webpack;
  if (!customize) throw new Error('next.config.ts has no webpack function');
  const context = { isServer: true } as WebpackConfigContext;
  const customized = customize({ plugins: [] }, context) as { ignoreWarnings?: unknown[] };
  return customized.ignoreWarnings ?? [];
}

type Warning = { message: string; module?: { resource?: string } };

function buildWarnings(): Promise<Warning[]> {
  const compiler = webpack({
    context: dir,
    mode: 'development',
    target: 'node',
    entry: './index.js',
    output: { path: path.join(dir, 'out') },
    ignoreWarnings: ignoreWarningsOfNextConfig(),
  });
  return new Promise((resolve, reject) =>
    compiler.run((error: Error | null, stats?: { compilation: { getWarnings(): Warning[] } }) => {
      compiler.close(() => {});
      if (error || !stats) reject(error ?? new Error('no stats'));
      else resolve(stats.compilation.getWarnings());
    }),
  );
}

test("the build hides the SDK's Critical dependency warning and still shows the same warning from other code", async () => {
  const warnings = await buildWarnings();
  expect(
    warnings.map((warning) => [
      path.relative(dir, warning.module?.resource ?? ''),
      warning.message,
    ]),
  ).toEqual([
    ['lib/our-own.js', 'Critical dependency: the request of a dependency is an expression'],
  ]);
});
