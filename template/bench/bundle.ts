/**
 * `npm run bench:bundle`: the first-load JavaScript of every page, gzipped,
 * next to a bare Pages Router app built in the same run from the same Next,
 * React and SWR (generated in a temporary folder). Next 16 no longer prints
 * these figures, so they are computed from the build manifest.
 *
 * Budget: every page ≤ 1.10 × the bare app's page. Exits 1 when a page is over
 * budget (a size is stable, unlike a time, so CI runs this check).
 * Pass --no-build to measure the existing `npm run build` output.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { projectRoot } from '../../lib/project-env';
import { exampleEnv } from '../../test-helpers/project';

const BUDGET = 1.1;
const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');

type Manifest = { pages: Record<string, string[]> };

/** Route → gzipped bytes of the JavaScript a first visit downloads (the page plus _app's). */
export function firstLoadJs(dir: string): Map<string, number> {
  const distDir = path.join(dir, '.next');
  const manifest = JSON.parse(
    fs.readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8'),
  ) as Manifest;
  const app = manifest.pages['/_app'] ?? [];
  const sizes = new Map<string, number>();
  for (const [route, files] of Object.entries(manifest.pages)) {
    if (route === '/_app') continue;
    const scripts = [...new Set([...app, ...files])].filter((file) => file.endsWith('.js'));
    const bytes = scripts.reduce(
      (sum, file) =>
        sum + zlib.gzipSync(fs.readFileSync(path.join(distDir, file)), { level: 9 }).length,
      0,
    );
    sizes.set(route, bytes);
  }
  return sizes;
}

function build(dir: string, env: NodeJS.ProcessEnv) {
  const run = spawnSync(process.execPath, [nextBin, 'build', '--webpack'], {
    cwd: dir,
    env,
    encoding: 'utf8',
  });
  if (run.status !== 0)
    throw new Error(`next build failed in ${dir}:\n${run.stdout}\n${run.stderr}`);
}

/** The smallest honest baseline: a Pages Router app with one page that fetches with SWR. */
function buildBareApp(): Map<string, number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-next-app-'));
  try {
    fs.mkdirSync(path.join(dir, 'pages'));
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true }));
    fs.writeFileSync(
      path.join(dir, 'next.config.js'),
      'module.exports = { reactStrictMode: true };\n',
    );
    fs.writeFileSync(
      path.join(dir, 'pages', 'index.jsx'),
      `import useSWR from 'swr';
const fetcher = (url) => fetch(url).then((res) => res.json());
export default function Home() {
  const { data, isLoading } = useSWR('/api/hello', fetcher);
  return <main><h1>Hello</h1><p>{isLoading ? 'Loading…' : JSON.stringify(data)}</p></main>;
}
`,
    );
    build(dir, { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
    return firstLoadJs(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  if (!process.argv.includes('--no-build')) {
    console.log('Building the app (next build --webpack)…');
    build(projectRoot, { ...process.env, ...exampleEnv, NODE_ENV: 'production' });
  }
  if (!fs.existsSync(path.join(projectRoot, '.next', 'build-manifest.json'))) {
    throw new Error('No build to measure: run `npm run build` first, or drop --no-build.');
  }
  const ours = firstLoadJs(projectRoot);
  console.log('Building a bare Pages Router app with the same versions…');
  const bare = buildBareApp().get('/');
  if (!bare) throw new Error('The bare app has no "/" page in its build manifest.');

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`.padStart(9);
  console.log(
    `\nFirst-load JavaScript, gzipped (budget: ${BUDGET.toFixed(2)} × the bare app's ${kb(bare).trim()})\n`,
  );
  let over = 0;
  for (const [route, bytes] of [...ours].sort(([a], [b]) => a.localeCompare(b))) {
    const ratio = bytes / bare;
    const ok = ratio <= BUDGET;
    if (!ok) over++;
    console.log(
      `${route.padEnd(14)} ${kb(bytes)}  ${ratio.toFixed(2)} ×  ${ok ? 'ok' : 'OVER BUDGET'}`,
    );
  }
  console.log(`${'bare app /'.padEnd(14)} ${kb(bare)}  1.00 ×`);
  if (over) {
    console.error(`\n${over} page(s) over budget.`);
    process.exit(1);
  }
  console.log('\nEvery page is within budget.');
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
