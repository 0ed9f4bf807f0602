/**
 * @jest-environment jsdom
 */
/**
 * The /products page in each state the API can put it in. jsdom has no
 * network, so `fetch` here plays our own API routes (/auth/profile and
 * /api/products); what those routes answer for real is tested in
 * products-bff.test.ts and the e2e suite.
 */
import { Auth0Provider } from '@auth0/nextjs-auth0';
import type { User } from '@auth0/nextjs-auth0/types';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { ROLES_CLAIM } from '@/lib/claims';
import Products from '@/pages/products';

// The page reads its query (a step-up's outcome) from Next's router, which jsdom has not mounted.
let mockQuery: Record<string, string> = {};
jest.mock('next/router', () => ({ useRouter: () => ({ query: mockQuery }) }));
beforeEach(() => {
  mockQuery = {};
});

const sam: User = { sub: 'auth0|sales', name: 'Sam Seller', [ROLES_CLAIM]: ['employee'] };
const ada: User = { sub: 'auth0|admin', name: 'Ada Admin', [ROLES_CLAIM]: ['admin'] };
const list = {
  products: [{ id: 'p004', name: 'CRM seat, yearly', price: 1200, department: 'sales' }],
  visibleDepartments: ['sales'],
};

/** The parts of a fetch Response the page reads (jsdom has no Response class). */
function respond(status: number, body: unknown) {
  return Promise.resolve({ ok: status < 400, status, json: async () => body } as Response);
}

/** What /api/step-up answers: not stepped up, unless a test says otherwise. */
let stepUpAnswer: [number, unknown];
beforeEach(() => {
  stepUpAnswer = [200, { add_product: { allowed: false } }];
});
const steppedUp = { add_product: { allowed: true, until: '2026-12-04T13:15:00.000Z' } };

/**
 * Answers /api/products with each given answer in turn (the last one repeats),
 * /auth/profile with the user (or 204, signed out, for `null`), and
 * /api/step-up with `stepUpAnswer`.
 */
function api(user: User | null, ...answers: [number, unknown][]) {
  const calls: string[] = [];
  globalThis.fetch = jest.fn((input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    if (url === '/auth/profile') return user ? respond(200, user) : respond(204, null);
    if (url === '/api/step-up') return respond(...stepUpAnswer);
    const [status, body] = answers.length > 1 ? answers.shift()! : answers[0]!;
    return respond(status, body);
  }) as typeof fetch;
  return calls;
}

function renderPage(user: User) {
  return render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, errorRetryInterval: 60_000 }}
    >
      <Auth0Provider user={user}>
        <Products />
      </Auth0Provider>
    </SWRConfig>,
  );
}

test('the API is down, then back: "Try again" loads the products', async () => {
  api(
    sam,
    [502, { error: 'upstream_unreachable', message: 'The products API cannot be reached.' }],
    [200, list],
  );
  renderPage(sam);
  expect(await screen.findByText('The products could not be loaded.')).toBeInTheDocument();
  expect(screen.getByText('The products API cannot be reached.')).toBeInTheDocument();

  await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('CRM seat, yearly')).toBeInTheDocument();
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});

test('the session expired: log in again, and come back to /products', async () => {
  api(sam, [
    401,
    { error: 'failed_to_refresh_token', message: 'Your session has expired. Log in again.' },
  ]);
  renderPage(sam);
  expect(await screen.findByText('Your session has expired — log in again.')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Log in again' })).toHaveAttribute(
    'href',
    '/auth/login?returnTo=%2Fproducts',
  );
  expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
});

test('the session ended (logged out elsewhere): the page and the nav stop showing the user', async () => {
  const calls = api(null, [
    401,
    { error: 'failed_to_refresh_token', message: 'Your session has expired. Log in again.' },
  ]);
  renderPage(sam);
  // useUser() asked /auth/profile again, which said nobody is signed in.
  expect(
    await screen.findByText('Log in to see the products your role allows.'),
  ).toBeInTheDocument();
  expect(calls).toContain('/auth/profile');
});

test('Auth0 unreachable: say so and offer to try again, not to log in', async () => {
  api(
    sam,
    [503, { error: 'auth0_unreachable', message: 'Your session could not be renewed.' }],
    [200, list],
  );
  renderPage(sam);
  expect(await screen.findByText('Auth0 cannot be reached right now.')).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Log in again' })).not.toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('CRM seat, yearly')).toBeInTheDocument();
});

test.each([
  ['auth0_rate_limited', 'Auth0 is busy right now.'],
  ['auth0_misconfigured', 'The app cannot renew your session with Auth0 right now.'],
])(
  'Auth0 answering %s: the session is kept, say so and offer to try again',
  async (code, title) => {
    const message = 'Try again in 5 seconds.';
    api(sam, [503, { error: code, message }]);
    renderPage(sam);
    expect(await screen.findByText(title)).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Log in again' })).not.toBeInTheDocument();
  },
);

test('Auth0 asks for a second factor on refresh: confirm it’s you with a login', async () => {
  api(sam, [401, { error: 'mfa_required', message: 'Auth0 asks you to confirm it’s you.' }]);
  renderPage(sam);
  expect(await screen.findByText('Confirm it’s you to carry on.')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Confirm it’s you' })).toHaveAttribute(
    'href',
    '/auth/login?returnTo=%2Fproducts',
  );
});

test('not allowed: the API’s message names the permission; no retry', async () => {
  api(sam, [
    403,
    { error: 'insufficient_scope', message: 'You need the read:products permission.' },
  ]);
  renderPage(sam);
  expect(await screen.findByText('You are not allowed to see this.')).toBeInTheDocument();
  expect(screen.getByText('You need the read:products permission.')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
});

test('an empty list shows the API’s notice; only admins get the form', async () => {
  api(sam, [
    200,
    { products: [], visibleDepartments: [], notice: 'Your account has no department.' },
  ]);
  const { unmount } = renderPage(sam);
  expect(await screen.findByText('Your account has no department.')).toBeInTheDocument();
  expect(screen.queryByRole('form', { name: 'Add product' })).not.toBeInTheDocument();
  unmount();

  stepUpAnswer = [200, steppedUp];
  api(ada, [200, list]);
  renderPage(ada);
  expect(await screen.findByRole('form', { name: 'Add product' })).toBeInTheDocument();
});

describe('step-up for adding products', () => {
  test('an admin whose token lacks create:products gets the prompt, not the form', async () => {
    const calls = api(ada, [200, list]);
    renderPage(ada);
    expect(
      await screen.findByRole('heading', { name: 'Confirm it’s you to add products' }),
    ).toBeInTheDocument();
    // A named step-up, never a scope: the server maps the name (lib/login.ts).
    expect(screen.getByRole('link', { name: 'Confirm it’s you' })).toHaveAttribute(
      'href',
      '/auth/login?step_up=add_product&returnTo=%2Fproducts',
    );
    expect(screen.queryByRole('form', { name: 'Add product' })).not.toBeInTheDocument();
    expect(calls).toContain('/api/step-up');
  });

  test('an employee is never asked, and the page does not ask the server', async () => {
    const calls = api(sam, [200, list]);
    renderPage(sam);
    expect(await screen.findByText('CRM seat, yearly')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Confirm it’s you' })).not.toBeInTheDocument();
    expect(calls).not.toContain('/api/step-up');
  });

  test('back from the step-up: the form, its first field focused', async () => {
    mockQuery = { step_up: 'add_product' };
    stepUpAnswer = [200, steppedUp];
    api(ada, [200, list]);
    renderPage(ada);
    const form = await screen.findByRole('form', { name: 'Add product' });
    expect(within(form).getByLabelText('Name')).toHaveFocus();
  });

  test('a cancelled step-up: a notice that nothing was added, and the prompt again', async () => {
    mockQuery = { step_up_cancelled: 'add_product' };
    api(ada, [200, list]);
    renderPage(ada);
    expect(
      screen.getByText('You did not confirm it’s you, so nothing was added.'),
    ).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Confirm it’s you' })).toBeInTheDocument();
  });

  test('the window passed while filling in the form: the write is refused, the prompt comes back', async () => {
    stepUpAnswer = [200, steppedUp];
    api(ada, [200, list]);
    globalThis.fetch = wrapFetch(globalThis.fetch, (url, init) => {
      if (url !== '/api/products' || init?.method !== 'POST') return null;
      stepUpAnswer = [200, { add_product: { allowed: false } }];
      return respond(403, { error: 'step_up_required', message: 'Confirm it’s you first.' });
    });
    renderPage(ada);
    const form = await screen.findByRole('form', { name: 'Add product' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Desk lamp');
    await userEvent.type(within(form).getByLabelText('Price (USD)'), '20');
    await userEvent.selectOptions(within(form).getByLabelText('Department'), 'sales');
    await userEvent.click(within(form).getByRole('button', { name: 'Add product' }));
    expect(
      await screen.findByRole('heading', { name: 'Confirm it’s you to add products' }),
    ).toBeInTheDocument();
  });

  test('/api/step-up failing says so, with a retry', async () => {
    stepUpAnswer = [503, { error: 'auth0_unreachable', message: 'Auth0 did not answer.' }];
    api(ada, [200, list]);
    renderPage(ada);
    expect(await screen.findByText('Auth0 cannot be reached right now.')).toBeInTheDocument();
  });
});

/** A fetch that answers some requests itself (`answer` returns non-null) and passes the rest on. */
function wrapFetch(
  inner: typeof fetch,
  answer: (url: string, init?: RequestInit) => Promise<Response> | null,
): typeof fetch {
  return jest.fn(
    (input: RequestInfo | URL, init?: RequestInit) =>
      answer(String(input), init) ?? inner(input, init),
  ) as typeof fetch;
}
