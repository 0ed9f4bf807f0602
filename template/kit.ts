/**
 * What `npm run template:remove` (remove-kit.ts) removes: the parts of the
 * project only the template's maintainers need. kit.test.ts checks these
 * lists against the project, so that a new kit script, dependency or marked
 * block cannot be forgotten here.
 */

/** Everything of the kit that is a file lives here. */
export const KIT_DIR = 'template';

/** The npm scripts that run the kit (and bench:*). */
export const KIT_SCRIPTS = [
  'docs:check',
  'template:check',
  'exercises:check',
  'screenshots',
  'test:e2e:tenant',
  'test:e2e:deployed',
  'test:template',
  'test:template:unit',
  'template:remove',
  'template:remove:check',
];

export const isKitScript = (name: string) =>
  KIT_SCRIPTS.includes(name) || name.startsWith('bench:');

/** Dev dependencies only the kit imports: the benchmarks' load generator, the rehearsal's certificates. */
export const KIT_DEV_DEPENDENCIES = [
  'autocannon',
  '@types/autocannon',
  '@peculiar/x509',
  'reflect-metadata',
];

/**
 * Files outside template/ with lines of the kit (CI jobs and steps, Jest's
 * ignore of template/), between a line `# >>> template kit` (or `//`) and a
 * line `# <<< template kit`, both included.
 */
export const MARKED_FILES = [
  '.ci/run',
  '.github/workflows/ci.yml',
  'jest.config.mjs',
  'playwright.config.ts',
];

const BEGIN = /^\s*(#|\/\/) >>> template kit\b/;
const END = /^\s*(#|\/\/) <<< template kit\b/;

/** `text` without its marked blocks; throws on a marker without its pair. */
export function cutMarkedBlocks(text: string, file: string): string {
  const kept: string[] = [];
  let openedAt = -1;
  text.split('\n').forEach((line, index) => {
    if (BEGIN.test(line)) {
      if (openedAt >= 0) throw new Error(`${file}:${index + 1}: ">>> template kit" inside another`);
      openedAt = index;
    } else if (END.test(line)) {
      if (openedAt < 0) throw new Error(`${file}:${index + 1}: "<<< template kit" without ">>>"`);
      openedAt = -1;
    } else if (openedAt < 0) kept.push(line);
  });
  if (openedAt >= 0) throw new Error(`${file}:${openedAt + 1}: ">>> template kit" never closed`);
  // A block between two blank lines leaves two: keep one.
  return kept.join('\n').replace(/\n{3,}/g, '\n\n');
}

export const hasMarkedBlock = (text: string) => text.split('\n').some((line) => BEGIN.test(line));

/** Whether a line of a remaining file names something removed (for the closing report). */
export function mentionsKit(line: string): boolean {
  return (
    /(^|[^\w-])template\//.test(line) ||
    /npm run (bench:|screenshots\b)/.test(line) ||
    KIT_SCRIPTS.filter((name) => name.includes(':')).some((name) =>
      new RegExp(`(^|[^\\w:])${name.replace(/:/g, '\\:')}(?![\\w:])`).test(line),
    )
  );
}
