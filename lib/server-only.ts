/**
 * Marks a module as server-only: `import './server-only';` at its top. Such a
 * module holds secrets or server APIs; `next build` fails, naming the import
 * chain, when one ends up in the browser's JavaScript (lib/server-only-check.ts).
 *
 * Not the `server-only` package: Next.js rejects it in the pages/ directory,
 * where getServerSideProps must import server modules (code used only there
 * never reaches the browser: Next.js removes it from the page's browser build).
 */
export {};
