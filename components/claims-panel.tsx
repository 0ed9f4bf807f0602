type ClaimsPanelProps = {
  title: string;
  description: React.ReactNode;
  claims: Record<string, unknown>;
};

/**
 * A titled, scrollable JSON view of a set of token claims. Long values (a
 * `jti`, a URL) wrap anywhere: with `break-words` they would still set the
 * panel's minimum width and push the page wider than a phone's screen.
 */
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
        className="mt-4 max-h-[28rem] overflow-auto rounded-lg wrap-anywhere whitespace-pre-wrap bg-slate-900 p-4 text-xs leading-relaxed text-slate-100"
      >
        {JSON.stringify(claims, null, 2)}
      </pre>
    </section>
  );
}
