import Head from 'next/head';
import Link from 'next/link';
import { useRouter } from 'next/router';
import { LoginButton } from '@/components/login-button';

const titles: Record<string, string> = {
  access_denied: 'Access denied',
  login_required: 'Please log in',
  auth0_unreachable: 'Auth0 is unreachable',
};

/** Where a failed login lands (see onCallback in lib/auth0.ts). */
export default function AuthError() {
  const { query, isReady } = useRouter();
  const code = typeof query.error === 'string' ? query.error : 'login_failed';
  const description = typeof query.error_description === 'string' ? query.error_description : '';
  const title = titles[code] ?? 'Login failed';

  return (
    <div className="mx-auto max-w-xl rounded-xl border border-red-200 bg-white p-8 shadow-sm">
      <Head>
        <title>{`${title} | Next.js + Auth0 Starter`}</title>
      </Head>
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      {isReady && (
        <p role="alert" className="mt-3 text-slate-700">
          {code === 'access_denied' ? 'Access denied: ' : ''}
          {description || 'Auth0 did not complete the login.'}
        </p>
      )}
      <p className="mt-2 text-sm text-slate-500">
        Error code: <code>{code}</code>
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
