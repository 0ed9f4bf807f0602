import type { User } from '@auth0/nextjs-auth0/types';
import type { InferGetServerSidePropsType } from 'next';
import Head from 'next/head';
import Link from 'next/link';
import { ClaimsPanel } from '@/components/claims-panel';
import { ProfileCard } from '@/components/profile-card';
import { StepUpStatus } from '@/components/step-up-status';
import { type AccessTokenView, readAccessTokenClaims } from '@/lib/access-token-claims';
import { auth0 } from '@/lib/auth0';

/**
 * Protected on the server: without a session, withPageAuthRequired redirects
 * to /auth/login?returnTo=/profile, so the user comes back here after logging in.
 * A session cookie alone is not enough: if its tokens can no longer be
 * renewed (logged out, refresh token revoked), the user logs in again too.
 */
export const getServerSideProps = auth0.withPageAuthRequired({
  returnTo: '/profile',
  async getServerSideProps({ req, res }) {
    const accessToken: AccessTokenView = await readAccessTokenClaims(req, res);
    if ('problem' in accessToken) {
      if (accessToken.problem.status === 401) {
        return { redirect: { destination: '/auth/login?returnTo=%2Fprofile', permanent: false } };
      }
      res.statusCode = accessToken.problem.status;
    }
    return { props: { accessToken } };
  },
});

type ProfileProps = InferGetServerSidePropsType<typeof getServerSideProps> & { user: User };

export default function Profile({ user, accessToken }: ProfileProps) {
  return (
    <div className="space-y-6">
      <Head>
        <title>Profile | Next.js + Auth0 Starter</title>
      </Head>
      <ProfileCard user={user} />
      {'claims' in accessToken && (
        <StepUpStatus scope={accessToken.claims.scope} expiresAt={accessToken.claims.exp} />
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        {'claims' in accessToken ? (
          <ClaimsPanel
            title="Access token: what your API sees"
            description="Decoded on the server from the access token in your session. The token itself never reaches the browser; API routes send it to your API."
            claims={accessToken.claims}
          />
        ) : (
          <section
            role="alert"
            className="rounded-xl border border-amber-200 bg-amber-50 p-5 text-amber-900"
          >
            <h2 className="font-semibold">Access token: what your API sees</h2>
            <p className="mt-1 text-sm">
              {'opaque' in accessToken ? accessToken.opaque : accessToken.problem.message}
            </p>
            {'problem' in accessToken && (
              <Link
                href="/profile"
                className="mt-3 inline-block text-sm font-semibold text-amber-950 underline"
              >
                Try again
              </Link>
            )}
          </section>
        )}
        <ClaimsPanel
          title="Session user: from the ID token"
          description={
            <>
              What <code>useUser()</code> and <code>auth0.getSession()</code> return: the standard
              claims plus the namespaced ones kept by <code>beforeSessionSaved</code>.
            </>
          }
          claims={user}
        />
      </div>
    </div>
  );
}
