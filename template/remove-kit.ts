/**
 * `npm run template:remove`: removes what only the template's maintainers
 * need, and leaves the app, its tests and `npm run validate` as they are.
 *
 * Removed (the lists are in kit.ts):
 * - template/: the docs, exercises and exported-template checks, the
 *   benchmarks, the tenant and deployed-shape rehearsals with their
 *   Playwright stacks and specs, the screenshot tooling, and this file;
 * - the npm scripts that run them, and the dev dependencies only they import
 *   (`npm pkg delete` and `npm uninstall`, so package-lock.json and
 *   node_modules follow);
 * - the lines between `>>> template kit` and `<<< template kit` markers: the
 *   kit's CI jobs in .github/workflows/ci.yml, its steps in .ci/run (which is
 *   left with the parts of `npm run validate`), Jest's ignore of template/, the kit's
 *   stacks in playwright.config.ts.
 * Kept: everything else, docs/ included (the README links into it). Nothing
 * checks the docs any more, so the run ends by listing the lines of the
 * remaining files that still name what it removed, to edit or delete.
 *
 * It refuses to run on uncommitted changes (or outside a git checkout)
 * unless given --force: git is then the undo. Each step skips what is already
 * gone, so a run that stopped midway can be repeated
 * (`npx tsx template/remove-kit.ts --force`; template/ goes last).
 *
 * Written by hand: no tool removes part of a project together with its npm
 * scripts, dependencies and CI jobs. npm's own commands do the package.json
 * and lockfile part; the rest is deleting files and marked lines.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/project-env';
import { isGitCheckout } from './export-project';
import { isProjectFile } from './project-files';
import {
  KIT_DEV_DEPENDENCIES,
  KIT_DIR,
  MARKED_FILES,
  cutMarkedBlocks,
  hasMarkedBlock,
  isKitScript,
  mentionsKit,
} from './kit';

const force = process.argv.includes('--force');
const at = (file: string) => path.join(projectRoot, file);
const windows = process.platform === 'win32';

function run(command: string, args: string[]): void {
  console.log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: projectRoot, stdio: 'inherit', shell: windows });
}

function refuse(reason: string): never {
  console.error(`template:remove: ${reason}`);
  process.exit(1);
}

function checkWorkingTree(): void {
  if (force) return;
  if (!isGitCheckout())
    refuse(
      'this is not a git checkout, so nothing could undo the removal. Commit the project first ' +
        '(git init && git add -A && git commit -m "From the template"), or run it with --force.',
    );
  const changes = execFileSync('git', ['status', '--porcelain'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  if (changes.trim())
    refuse(
      `the working tree has uncommitted changes:\n${changes}` +
        'Commit or stash them first, so that git can show and undo what the removal does, ' +
        'or run it with --force (as after a run that stopped midway).',
    );
}

/** Every text file of the project outside template/ (tracked or not, not ignored). */
function projectFiles(dir = projectRoot): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (!isProjectFile(full) || full === at(KIT_DIR)) return [];
    if (entry.isDirectory()) return projectFiles(full);
    return /\.(md|ts|tsx|mjs|js|json|ya?ml)$|^run$/.test(entry.name) &&
      entry.name !== 'package-lock.json'
      ? [full]
      : [];
  });
}

function main(): void {
  checkWorkingTree();

  // Every marked file is read and cut before any is written: a broken marker changes nothing.
  const cuts = MARKED_FILES.filter((file) => fs.existsSync(at(file)))
    .map((file) => ({ file, text: fs.readFileSync(at(file), 'utf8') }))
    .filter(({ text }) => hasMarkedBlock(text))
    .map(({ file, text }) => ({ file, text: cutMarkedBlocks(text, file) }));
  for (const { file, text } of cuts) {
    fs.writeFileSync(at(file), text);
    console.log(`Removed the template kit's lines from ${file}`);
  }

  const pkg = JSON.parse(fs.readFileSync(at('package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const dependencies = KIT_DEV_DEPENDENCIES.filter((name) => pkg.devDependencies?.[name]);
  if (dependencies.length > 0)
    run('npm', ['uninstall', '--no-audit', '--no-fund', ...dependencies]);
  const scripts = Object.keys(pkg.scripts ?? {}).filter(isKitScript);
  if (scripts.length > 0)
    run('npm', ['pkg', 'delete', ...scripts.map((name) => `scripts.${name}`)]);

  // npm writes package.json its own way; the cuts may leave a YAML or JS list to reflow.
  const formatted = ['package.json', ...cuts.map(({ file }) => file)].filter((file) =>
    /\.(json|ya?ml|mjs)$/.test(file),
  );
  run('npx', ['prettier', '--write', '--log-level', 'warn', ...formatted]);

  fs.rmSync(at(KIT_DIR), { recursive: true, force: true });
  console.log(`Deleted ${KIT_DIR}/`);

  const mentions = projectFiles().flatMap((file) => {
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => (mentionsKit(line) ? [index + 1] : []));
    return lines.length > 0
      ? [`  ${path.relative(projectRoot, file)}: line ${lines.join(', ')}`]
      : [];
  });
  console.log(
    [
      '',
      `template:remove: removed ${KIT_DIR}/, ${scripts.length} npm scripts, ` +
        `${dependencies.length} dev dependencies and the kit's lines of ${cuts.length} files.`,
      ...(mentions.length > 0
        ? [
            'These lines still name what was removed (mostly in docs/, which stays and is no',
            'longer checked by docs:check): edit or delete them when you change those pages.',
            ...mentions,
          ]
        : []),
      'Next: `npm run validate`, then review and commit (`git status`, `git diff`).',
    ].join('\n'),
  );
}

try {
  main();
} catch (error) {
  refuse(`${(error as Error).message}\nRun it again with --force once the cause is fixed.`);
}
