import { Auth0Provider } from '@auth0/nextjs-auth0';
import type { User } from '@auth0/nextjs-auth0/types';
import type { AppProps } from 'next/app';
import { SWRConfig } from 'swr';
import { Layout } from '@/components/layout';
import { skipProfileFetchOnMount } from '@/lib/profile-route';
import '@/styles/globals.css';

/**
 * Auth0Provider (v3's UserProvider) makes useUser() work in every component.
 * Pages rendered on the server with a session pass `user` in their props
 * (withPageAuthRequired does), so the first render already knows who is
 * signed in, and there is no need to ask /auth/profile again on load
 * (skipProfileFetchOnMount; other data hooks still fetch).
 */
export default function App({ Component, pageProps }: AppProps<{ user?: User }>) {
  return (
    <SWRConfig value={pageProps.user ? { use: [skipProfileFetchOnMount] } : {}}>
      <Auth0Provider user={pageProps.user}>
        <Layout>
          <Component {...pageProps} />
        </Layout>
      </Auth0Provider>
    </SWRConfig>
  );
}
