/**
 * What a tutorial chapter promises, read from its text, so that the chapter
 * and the check of its exercise cannot drift apart: change a count or a
 * command in the chapter, and the check expects the new one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../lib/project-env';
import { ExerciseError } from './project-copy';

export class Chapter {
  readonly text: string;

  constructor(readonly file: string) {
    this.text = fs.readFileSync(path.join(projectRoot, file), 'utf8');
  }

  /** The text under this heading, up to the next heading of the same or a higher level. */
  section(heading: string): string {
    const start = this.text.split('\n').findIndex((line) => line === heading);
    if (start === -1) throw new ExerciseError(`${this.file} has no heading "${heading}"`);
    const level = heading.match(/^#+/)![0].length;
    const lines = this.text.split('\n').slice(start + 1);
    const end = lines.findIndex((line) => new RegExp(`^#{1,${level}} `).test(line));
    return lines.slice(0, end === -1 ? undefined : end).join('\n');
  }

  /**
   * What `pattern` captures in `text` (this whole chapter by default), with
   * line breaks and indentation read as single spaces, as Markdown does.
   */
  says(pattern: RegExp, what: string, text = this.text): string[] {
    const match = text.replace(/\s+/g, ' ').match(pattern);
    if (!match) throw new ExerciseError(`${this.file} no longer says ${what} (${pattern})`);
    return match.slice(1).map((group) => group ?? '');
  }
}

/** The fenced code blocks of a piece of Markdown, each as its lines. */
export function codeBlocks(markdown: string): string[][] {
  return [...markdown.matchAll(/^ *(```+)[^\n]*\n([\s\S]*?)^ *\1 *$/gm)].map(([, , body]) =>
    body!.split('\n'),
  );
}

const numbers = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** "Two" → 2, "3" → 3. */
export function countIn(word: string): number {
  const index = numbers.indexOf(word.toLowerCase());
  return index === -1 ? Number(word) : index;
}
