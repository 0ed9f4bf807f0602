import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDocs } from './docs-check';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-check-'));
  fs.mkdirSync(path.join(root, 'lib'));
  fs.writeFileSync(
    path.join(root, 'lib', 'answer.ts'),
    'export const answer = 42;\n\nexport const question = "?";\n',
  );
  fs.writeFileSync(path.join(root, 'other.md'), '# Other page\n\n## A section\n');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function check(markdown: string) {
  fs.writeFileSync(path.join(root, 'doc.md'), markdown);
  return checkDocs(root, ['doc.md']);
}

test('a doc whose excerpts and links are right passes', () => {
  const result = check(
    [
      '# Doc',
      '<!-- file: lib/answer.ts -->',
      '',
      '```ts',
      'export const answer = 42;',
      '```',
      'See [the code](lib/answer.ts), [a section](other.md#a-section) and [the top](#doc).',
    ].join('\n'),
  );
  expect(result).toEqual({ problems: [], excerpts: 1, links: 3 });
});

test('a stale excerpt, a missing file and broken links are reported', () => {
  const { problems } = check(
    [
      '<!-- file: lib/answer.ts -->',
      '```ts',
      'export const answer = 41;',
      '```',
      '<!-- file: lib/gone.ts -->',
      '```ts',
      'x',
      '```',
      '[gone](lib/nope.ts) [no heading](other.md#missing) [no anchor](#nowhere)',
    ].join('\n'),
  );
  expect(problems).toEqual([
    'doc.md:1: the excerpt no longer matches lib/answer.ts (update the doc or the marker)',
    'doc.md:5: lib/gone.ts does not exist',
    'doc.md: link to lib/nope.ts does not resolve',
    'doc.md: link to other.md#missing: no heading "#missing" in other.md',
    'doc.md: link to #nowhere: no such heading',
  ]);
});

test('links inside code blocks are not checked', () => {
  expect(check('```md\n[not a link](missing.md)\n```\n').problems).toEqual([]);
});
