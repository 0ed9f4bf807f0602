type ClaimsPanelProps = {
  title: string;
  description: React.ReactNode;
  claims: Record<string, unknown>;
};

/** A titled, scrollable JSON view of a set of token claims. */
export function ClaimsPanel({ title, description, claims }: ClaimsPanelProps) {
  const headingId = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id={headingId} className="font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{description}</p>
      <pre
        tabIndex={0}
        className="mt-4 max-h-[28rem] overflow-auto rounded-lg bg-slate-900 p-4 text-xs leading-relaxed text-slate-100"
      >
        <JsonLines value={claims} />
      </pre>
    </section>
  );
}

/**
 * Claims hold long values (a `jti`, URLs as claim names) that do not fit a
 * phone's width. Each line of the JSON wraps anywhere, so that no value sets
 * the panel's minimum width and pushes the page wider than the screen, and it
 * wraps the way code does:
 * - the rows a line wraps onto start two columns further in than the line,
 *   instead of flush left where they would read as lines of their own;
 * - a line's indentation and opening punctuation stay with its first few
 *   letters, and its closing punctuation (`",`, `": [`) with its last few, so
 *   that no row is left holding only spaces or punctuation, whatever the
 *   length of the values and of the claims namespace.
 * The text is JSON.stringify's, newlines included: what is copied is JSON.
 */
function JsonLines({ value }: { value: unknown }) {
  const lines = JSON.stringify(value, null, 2).split('\n');
  return lines.map((line, index) => {
    const indent = line.length - line.trimStart().length;
    const start = line.match(STARTS_TOGETHER)![0];
    const end = line.slice(start.length).match(ENDS_TOGETHER)![0];
    const wrappedRowsStart = `${indent + HANGING_INDENT}ch`;
    return (
      <span
        key={index}
        className="block wrap-anywhere whitespace-pre-wrap"
        style={{ paddingLeft: wrappedRowsStart, textIndent: `-${wrappedRowsStart}` }}
      >
        <span className="whitespace-pre">{start}</span>
        {line.slice(start.length, line.length - end.length)}
        <span className="whitespace-pre">{end}</span>
        {index < lines.length - 1 ? '\n' : ''}
      </span>
    );
  });
}

const HANGING_INDENT = 2;
// JSON's punctuation, and up to four other characters kept with it.
const STARTS_TOGETHER = /^[\s"',:[\]{}]*[^\s"',:[\]{}]{0,4}/;
const ENDS_TOGETHER = /[^\s"',:[\]{}]{0,4}[\s"',:[\]{}]*$/;
