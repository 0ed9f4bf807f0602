import Head from 'next/head';
import { NavBar } from '@/components/nav-bar';

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50 text-slate-900">
      <Head>
        <title>Next.js + Auth0 Starter</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          name="description"
          content="A Next.js Pages Router starter with Auth0: custom claims from a post-login Action, access tokens kept on the server."
        />
      </Head>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <NavBar />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-10 sm:px-6">
        {children}
      </main>
      <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-500">
        Next.js Pages Router · @auth0/nextjs-auth0 v4
      </footer>
    </div>
  );
}
