/**
 * @jest-environment jsdom
 */
/**
 * Whatever /api/products sends with a 200, /products must not go blank. Our
 * API route already turns such answers into a 502 (products-routes.test.ts);
 * this is the page's own guard, for an answer that gets through anyway.
 */
import { Auth0Provider } from '@auth0/nextjs-auth0';
import type { User } from '@auth0/nextjs-auth0/types';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import Products from '@/pages/products';

// The page reads its query (a step-up's outcome) from Next's router, which jsdom has not mounted.
jest.mock('next/router', () => ({ useRouter: () => ({ query: {} }) }));

const sam: User = { sub: 'auth0|sales', name: 'Sam Seller' };
const product = { id: 'p004', name: 'CRM seat, yearly', price: 1200, department: 'sales' };
const list = { products: [product], visibleDepartments: ['sales'] };

/** Plays /auth/profile and /api/products: each answer in turn, the last one repeating. */
function api(...bodies: unknown[]) {
  globalThis.fetch = jest.fn((input: RequestInfo | URL) => {
    const body =
      String(input) === '/auth/profile' ? sam : bodies.length > 1 ? bodies.shift() : bodies[0];
    return Promise.resolve({ ok: true, status: 200, json: async () => body } as Response);
  }) as typeof fetch;
}

function renderPage() {
  return render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <Auth0Provider user={sam}>
        <Products />
      </Auth0Provider>
    </SWRConfig>,
  );
}

test.each([
  ['{"items":[]}', { items: [] }],
  ['"ok"', 'ok'],
  ['{"products":null}', { products: null, visibleDepartments: ['sales'] }],
  [
    'a product whose name is an object',
    { ...list, products: [{ ...product, name: { en: 'CRM' } }] },
  ],
  ['null', null],
])('a 200 with %s shows a message and "Try again" loads the list', async (_name, body) => {
  // The crash is logged for whoever debugs it (and by React): expected here.
  jest.mocked(console.error).mockImplementation(() => {});
  api(body, list);
  renderPage();

  expect(await screen.findByText('The products could not be loaded.')).toBeInTheDocument();
  expect(screen.getByText('The app received products it cannot show.')).toBeInTheDocument();
  expect(screen.getByRole('heading', { name: 'Products', level: 1 })).toBeInTheDocument();
  expect(console.error).toHaveBeenCalledWith(
    'A part of the page crashed:',
    expect.any(Error),
    expect.any(String),
  );

  await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('CRM seat, yearly')).toBeInTheDocument();
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});
