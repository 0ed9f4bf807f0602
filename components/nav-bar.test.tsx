/**
 * @jest-environment jsdom
 */
import { Auth0Provider } from '@auth0/nextjs-auth0';
import type { User } from '@auth0/nextjs-auth0/types';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { NavBar } from '@/components/nav-bar';

const ada: User = { sub: 'auth0|admin', name: 'Ada Admin', email: 'admin@example.com' };

/**
 * useUser() reads /auth/profile through SWR. jsdom has no network, so each
 * test gives SWR a fresh cache and decides what /auth/profile has answered:
 * the user (as Auth0Provider seeds it from pageProps.user), 204 (null), or
 * nothing yet (a request that has not returned).
 */
function renderNavBar(profile: { user?: User | null; pending?: boolean }) {
  if (profile.pending) {
    // The one stub here: a request to /auth/profile that has not answered yet.
    globalThis.fetch = jest.fn(() => new Promise<Response>(() => {}));
  }
  return render(
    <SWRConfig
      value={{
        provider: () => new Map(),
        revalidateOnMount: profile.pending ?? false,
        ...(profile.user === null ? { fallback: { '/auth/profile': null } } : {}),
      }}
    >
      <Auth0Provider user={profile.user ?? undefined}>
        <NavBar />
      </Auth0Provider>
    </SWRConfig>,
  );
}

test('while the session loads: a placeholder, neither "Log in" nor a user', () => {
  renderNavBar({ pending: true });
  expect(globalThis.fetch).toHaveBeenCalledWith('/auth/profile');
  expect(screen.getByRole('status', { name: 'Loading your session' })).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Log in' })).not.toBeInTheDocument();
});

test('signed out: a "Log in" link to the SDK route', () => {
  renderNavBar({ user: null });
  expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/auth/login');
  expect(screen.queryByRole('status')).not.toBeInTheDocument();
});

test('signed in: the user menu opens with Profile and Log out, from the keyboard too', async () => {
  renderNavBar({ user: ada });
  const menuButton = screen.getByRole('button', { name: /Ada Admin/ });
  expect(screen.queryByRole('link', { name: 'Log in' })).not.toBeInTheDocument();

  const user = userEvent.setup();
  menuButton.focus();
  await user.keyboard('{Enter}');
  expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  expect(screen.getAllByRole('link', { name: 'Profile' }).at(-1)).toHaveAttribute(
    'href',
    '/profile',
  );
  expect(screen.getByRole('link', { name: 'Log out' })).toHaveAttribute('href', '/auth/logout');

  await user.keyboard('{Escape}');
  expect(screen.queryByRole('link', { name: 'Log out' })).not.toBeInTheDocument();
});
