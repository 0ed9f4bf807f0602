/**
 * @jest-environment jsdom
 */
/**
 * pages/_app.tsx saves the /auth/profile request on pages rendered on the
 * server with the user in their props. That saving must stay on that one
 * request: a page's own data hooks still fetch when it mounts. jsdom has no
 * network, so `fetch` records the requests and answers each with JSON.
 */
import type { User } from '@auth0/nextjs-auth0/types';
import { render, screen } from '@testing-library/react';
import type { AppProps } from 'next/app';
import useSWR, { SWRConfig } from 'swr';
import App from '@/pages/_app';
import { PROFILE_ROUTE } from '@/lib/profile-route';

const ada: User = { sub: 'auth0|admin', name: 'Ada Admin', email: 'admin@example.com' };

function recordRequests() {
  const requested: string[] = [];
  globalThis.fetch = jest.fn((input: RequestInfo | URL) => {
    const url = String(input);
    requested.push(url);
    const body = url === PROFILE_ROUTE ? ada : { greeting: 'fresh from the API' };
    return Promise.resolve({ ok: true, status: 200, json: async () => body } as Response);
  }) as typeof fetch;
  return requested;
}

/** A page with a data hook of its own, as a user of the template would write one. */
function PageWithData() {
  const { data } = useSWR<{ greeting: string }>('/api/greeting', (url: string) =>
    fetch(url).then((response) => response.json()),
  );
  return <p>{data?.greeting ?? 'loading'}</p>;
}

function renderApp(pageProps: { user?: User }) {
  const props = { Component: PageWithData, pageProps } as unknown as AppProps<{ user?: User }>;
  return render(
    // A fresh SWR cache for each test.
    <SWRConfig value={{ provider: () => new Map() }}>
      <App {...props} />
    </SWRConfig>,
  );
}

test('on a page rendered with the user, data hooks fetch on mount; /auth/profile is not asked again', async () => {
  const requested = recordRequests();
  renderApp({ user: ada });
  expect(await screen.findByText('fresh from the API')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: /Ada Admin/ })).toBeInTheDocument();
  expect(requested).toEqual(['/api/greeting']);
});

test('on a page rendered without the user, useUser() asks /auth/profile', async () => {
  const requested = recordRequests();
  renderApp({});
  expect(await screen.findByText('fresh from the API')).toBeInTheDocument();
  expect(await screen.findByRole('button', { name: /Ada Admin/ })).toBeInTheDocument();
  expect(requested.sort()).toEqual(['/api/greeting', PROFILE_ROUTE]);
});
