/**
 * kit.ts's lists match the project: what `npm run template:remove` removes
 * is all of the kit, and nothing the app needs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/project-env';
import {
  KIT_DEV_DEPENDENCIES,
  KIT_SCRIPTS,
  MARKED_FILES,
  cutMarkedBlocks,
  hasMarkedBlock,
  isKitScript,
  mentionsKit,
} from './kit';

const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** Tracked files, outside node_modules; the lockfile and binary files left out. */
const tracked = execFileSync('git', ['ls-files'], { cwd: projectRoot, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && file !== 'package-lock.json' && !/\.(png|patch)$/.test(file));
const read = (file: string) => fs.readFileSync(path.join(projectRoot, file), 'utf8');

test('every npm script that runs template/ or another kit script is a kit script', () => {
  const kit = Object.keys(pkg.scripts).filter(isKitScript);
  expect(kit.sort()).toEqual(
    [...KIT_SCRIPTS, ...Object.keys(pkg.scripts).filter((n) => n.startsWith('bench:'))].sort(),
  );
  for (const [name, command] of Object.entries(pkg.scripts)) {
    if (isKitScript(name)) continue;
    expect(`${name}: ${command}`).not.toMatch(/template\//);
    for (const other of kit) expect(`${name}: ${command}`).not.toContain(`npm run ${other}`);
  }
});

test('the kit dev dependencies are imported only under template/', () => {
  for (const name of KIT_DEV_DEPENDENCIES) {
    expect(pkg.devDependencies).toHaveProperty([name]);
    const importers = tracked.filter(
      (file) =>
        /\.(ts|tsx|mjs|js)$/.test(file) &&
        new RegExp(`['"]${name.replace('/', '\\/')}['"]`).test(read(file)),
    );
    expect(importers.every((file) => file.startsWith('template/'))).toBe(true);
  }
});

test('no file outside template/ imports from it, but in a marked block that goes with it', () => {
  const importers = tracked.filter(
    (file) =>
      !file.startsWith('template/') &&
      /\.(ts|tsx|mjs|js)$/.test(file) &&
      /from ['"](\.\.?\/)+template\//.test(cutMarkedBlocks(read(file), file)),
  );
  expect(importers).toEqual([]);
});

test('the marked files are exactly those with marked blocks, and they are balanced', () => {
  const marked = tracked.filter(
    (file) => !file.startsWith('template/') && hasMarkedBlock(read(file)),
  );
  expect(marked.sort()).toEqual([...MARKED_FILES].sort());
  for (const file of MARKED_FILES) expect(() => cutMarkedBlocks(read(file), file)).not.toThrow();
  // What is left of CI: the test matrix job and the parts of validate.
  const workflow = cutMarkedBlocks(read('.github/workflows/ci.yml'), 'ci.yml');
  expect(workflow).toMatch(/^ {2}test:$/m);
  expect(workflow).not.toMatch(/template|tenant-rehearsal/);
  const ciRun = cutMarkedBlocks(read('.ci/run'), '.ci/run');
  expect(ciRun.match(/^(for .*; do )?step .*/gm)).toEqual([
    'for part in "${validate_parts[@]}"; do step "$part"; done',
  ]);
  expect(ciRun).not.toContain('nginx');
});

test('cutMarkedBlocks removes each block with its markers, and refuses an unbalanced one', () => {
  expect(
    cutMarkedBlocks(
      'a\n\n# >>> template kit\nb\n# <<< template kit\n\nc\n  // >>> template kit: why\nd\n  // <<< template kit\ne',
      'f',
    ),
  ).toBe('a\n\nc\ne');
  expect(() => cutMarkedBlocks('# >>> template kit\na', 'f')).toThrow(/f:1: .* never closed/);
  expect(() => cutMarkedBlocks('a\n# <<< template kit', 'f')).toThrow(/f:2: .* without/);
});

test('mentionsKit finds removed paths and scripts, not their look-alikes', () => {
  expect(mentionsKit('see [x](../template/bench/bff.ts)')).toBe(true);
  expect(mentionsKit('`npm run test:template` runs')).toBe(true);
  expect(mentionsKit('npm run bench:bundle')).toBe(true);
  expect(mentionsKit('npm run screenshots')).toBe(true);
  expect(mentionsKit('npm run test:e2e, then npm run validate')).toBe(false);
  expect(mentionsKit('a templates/ folder, my-template/x')).toBe(false);
});
