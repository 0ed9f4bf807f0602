/**
 * Marks a module as server-only: `import '@/lib/server-only';` at its top.
 *
 * Such a module holds secrets or server APIs (the SDK client, the session, the
 * access token, the products API's address). `next build` fails when one of
 * them ends up in the browser's JavaScript (lib/server-only-check.ts), and
 * names the import chain that brought it there.
 *
 * Why not the `server-only` package: Next.js rejects it in the pages/
 * directory, where getServerSideProps must import server modules.
 * Code used only inside getServerSideProps never reaches the browser: Next.js
 * removes it, and its imports, from the page's browser build.
 */
export {};
