/**
 * `npm run docs:check`: the tutorial and README must show the project's real code.
 *
 * - A fenced code block right after `<!-- file: path/to/file -->` must appear,
 *   line for line, in that file (a contiguous excerpt; leading/trailing blank lines ignored).
 * - Every relative link in the docs must point to a file or folder that exists,
 *   and a `#fragment` into a Markdown file must match one of its headings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/project-env';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = heading!
      .trim()
      .toLowerCase()
      .replace(/[`*_]/g, '')
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .replace(/\s/g, '-');
    let unique = slug;
    for (let n = 1; anchors.has(unique); n++) unique = `${slug}-${n}`;
    anchors.add(unique);
  }
  return anchors;
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

function containsExcerpt(fileLines: string[], excerpt: string[]): boolean {
  outer: for (let i = 0; i + excerpt.length <= fileLines.length; i++) {
    for (let j = 0; j < excerpt.length; j++) {
      if (fileLines[i + j]!.trimEnd() !== excerpt[j]!.trimEnd()) continue outer;
    }
    return true;
  }
  return false;
}

/** Checks the given Markdown files (paths relative to `root`). */
export function checkDocs(root: string, docs: string[]) {
  const problems: string[] = [];
  let excerpts = 0;
  let links = 0;

  for (const doc of docs) {
    const text = fs.readFileSync(path.join(root, doc), 'utf8');
    const lines = text.split('\n');
    const where = (index: number) => `${doc}:${index + 1}`;

    // Excerpts.
    lines.forEach((line, index) => {
      const marker = line.match(/^<!--\s*file:\s*(\S+)\s*-->$/);
      if (!marker) return;
      // Prettier may put a blank line between the marker and the fence.
      let open = index + 1;
      while (lines[open]?.trim() === '') open++;
      const fence = lines[open]?.match(/^(```+|~~~+)/);
      if (!fence) {
        problems.push(`${where(index)}: "file:" marker not followed by a code block`);
        return;
      }
      const end = lines.findIndex((l, i) => i > open && l.startsWith(fence[1]!));
      const excerpt = trimBlankLines(lines.slice(open + 1, end));
      const source = path.join(root, marker[1]!);
      excerpts++;
      if (!fs.existsSync(source)) {
        problems.push(`${where(index)}: ${marker[1]} does not exist`);
      } else if (!containsExcerpt(fs.readFileSync(source, 'utf8').split('\n'), excerpt)) {
        problems.push(
          `${where(index)}: the excerpt no longer matches ${marker[1]} (update the doc or the marker)`,
        );
      }
    });

    // Relative links, outside code blocks.
    const prose = text.replace(/^(```+|~~~+)[\s\S]*?^\1/gm, '');
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target!) || target!.startsWith('<')) continue;
      links++;
      const [file, fragment] = target!.split('#');
      const resolved = path.resolve(path.dirname(path.join(root, doc)), decodeURIComponent(file!));
      if (!fs.existsSync(resolved)) {
        problems.push(`${doc}: link to ${target} does not resolve`);
        continue;
      }
      if (
        fragment &&
        resolved.endsWith('.md') &&
        !anchorsOf(fs.readFileSync(resolved, 'utf8')).has(fragment)
      ) {
        problems.push(
          `${doc}: link to ${target}: no heading "#${fragment}" in ${path.relative(root, resolved)}`,
        );
      }
    }
    // Links to headings of the same document.
    for (const [, fragment] of prose.matchAll(/\]\(#([^)\s]+)\)/g)) {
      links++;
      if (!anchorsOf(text).has(fragment!))
        problems.push(`${doc}: link to #${fragment}: no such heading`);
    }
  }

  return { problems, excerpts, links };
}

/** README.md and every Markdown file under docs/. */
export function projectDocs(root: string): string[] {
  return [
    'README.md',
    ...fs
      .readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.md'))
      .map((file) => path.join('docs', file)),
  ];
}

if (require.main === module) {
  const docs = projectDocs(projectRoot);
  const { problems, excerpts, links } = checkDocs(projectRoot, docs);
  if (problems.length) {
    console.error(
      `docs:check found ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(
    `docs:check: ${docs.length} documents, ${excerpts} code excerpts and ${links} links checked.`,
  );
}
