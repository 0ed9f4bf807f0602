import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import Link from 'next/link';
import { LoginButton } from '@/components/login-button';
import { env } from '@/lib/env';
import { DENY_REASONS, LOGIN_ERROR_COOKIE, openLoginError } from '@/lib/login';

/** What each error code means to the user, when the Action gave no known reason. */
const known: Record<string, { title: string; description: string }> = {
  access_denied: {
    title: 'Access denied',
    description: 'You are not allowed to log in to this app.',
  },
  auth0_unreachable: {
    title: 'Auth0 is unreachable',
    description:
      'Auth0 cannot be reached right now, so the login cannot start. Try again in a moment.',
  },
  logout_auth0_unreachable: {
    title: 'Signed out of this app',
    description:
      'You are signed out of this app, but Auth0 could not be reached, so your sign-in at Auth0 may still be active. Log out again once Auth0 is back, or close the browser.',
  },
};
const fallback = { title: 'Login failed', description: 'Auth0 did not complete the login.' };

/** `reason`: one of the Action's known messages, looked up on the server. */
type AuthErrorProps = { code: string; reason: string | null };

/**
 * Where a failed login lands (see onCallback in lib/auth0.ts). Every text it
 * shows is the app's own: the error code comes from the URL and only selects
 * one of the fixed texts above; a reason is an id of DENY_REASONS (lib/login.ts), read
 * only from a cookie our server signed for that code. So neither a crafted
 * link, nor a crafted callback, nor a cookie set by another page can put words
 * in the app's mouth.
 */
export const getServerSideProps: GetServerSideProps<AuthErrorProps> = async ({
  req,
  res,
  query,
}) => {
  const cookie = req.cookies[LOGIN_ERROR_COOKIE];
  if (cookie !== undefined) {
    res.setHeader(
      'Set-Cookie',
      `${LOGIN_ERROR_COOKIE}=; Path=/auth-error; Max-Age=0; HttpOnly; SameSite=Lax`,
    );
  }
  const code =
    typeof query.error === 'string' && /^[a-z0-9_]{1,64}$/.test(query.error)
      ? query.error
      : 'login_failed';
  const reason = await openLoginError(cookie, code, env.AUTH0_SECRET);
  return { props: { code, reason: reason ? DENY_REASONS[reason] : null } };
};

export default function AuthError({ code, reason }: AuthErrorProps) {
  const { title, description } = known[code] ?? fallback;

  return (
    <div className="mx-auto max-w-xl rounded-xl border border-red-200 bg-white p-8 shadow-sm">
      <Head>
        <title>{`${title} | Next.js + Auth0 Starter`}</title>
      </Head>
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      <p role="alert" className="mt-3 text-slate-700">
        {code === 'access_denied' ? 'Access denied: ' : ''}
        {reason ?? description}
      </p>
      <p className="mt-2 text-sm text-slate-500">
        Error code: <code className="break-all">{code}</code>
      </p>
      <div className="mt-6 flex flex-wrap items-center gap-4">
        <LoginButton>Log in with another account</LoginButton>
        <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
          Back to the home page
        </Link>
      </div>
    </div>
  );
}
