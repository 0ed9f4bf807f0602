import { useUser } from '@auth0/nextjs-auth0';
import Link from 'next/link';
import { LoginButton } from '@/components/login-button';

const steps = [
  {
    title: 'Custom claims from a post-login Action',
    body: 'auth0/actions/add-custom-claims.js adds the user’s roles and department to the ID token and the access token, under a namespace so they never clash with standard claims.',
  },
  {
    title: 'The access token stays on the server',
    body: 'The SDK keeps tokens in an encrypted, HttpOnly session cookie. API routes take the access token with auth0.getAccessToken(req, res), which renews it when it expires; the browser never holds one.',
  },
  {
    title: 'Works with no Auth0 account',
    body: 'A local, Auth0-compatible issuer runs the same Action and the same tenant.yaml. Point .env.local at your tenant when you are ready.',
  },
];

export default function Home() {
  const { user, isLoading } = useUser();

  return (
    <div className="space-y-12">
      <section className="space-y-5">
        <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase">
          Next.js Pages Router + Auth0
        </p>
        <h1 className="max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
          Custom claims in your tokens, access tokens on your server.
        </h1>
        <p className="max-w-2xl text-lg text-slate-600">
          A starter that answers two questions every Auth0 + Next.js project runs into: how to put
          roles and other metadata into the access token, and where the app should use that token.
        </p>
        {/* Same height in every state, so the page does not shift when the session loads. */}
        <div className="flex min-h-12 flex-wrap items-center gap-4">
          {isLoading ? null : user ? (
            <>
              <p className="text-slate-700">
                Welcome, <span className="font-semibold">{user.name ?? user.email}</span>.
              </p>
              <Link
                href="/profile"
                className="inline-flex items-center rounded-md bg-brand-600 px-6 py-3 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none"
              >
                See your profile and token claims
              </Link>
            </>
          ) : (
            <>
              <LoginButton size="lg" />
              <p className="text-sm text-slate-500">Try the demo users listed on the login page.</p>
            </>
          )}
        </div>
      </section>

      <section aria-labelledby="how-it-works">
        <h2 id="how-it-works" className="sr-only">
          How it works
        </h2>
        <ol className="grid gap-4 sm:grid-cols-3">
          {steps.map((step, index) => (
            <li
              key={step.title}
              className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
            >
              <span className="text-sm font-semibold text-brand-600">Step {index + 1}</span>
              <h3 className="mt-1 font-semibold text-slate-900">{step.title}</h3>
              <p className="mt-2 text-sm text-slate-600">{step.body}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
