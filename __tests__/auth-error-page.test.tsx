/**
 * /auth-error shows a reason only from a cookie the app signed, and only one
 * of the Action's known messages: a cookie set by any other page on the same
 * site shows the page's own text instead.
 */
import type { GetServerSidePropsContext } from 'next';
import { renderToStaticMarkup } from 'react-dom/server';
import { exampleEnv } from '@/test-helpers/project';

Object.assign(process.env, exampleEnv);

async function openPage(query: Record<string, string>, cookies: Record<string, string>) {
  const page = await import('@/pages/auth-error');
  const setCookie: string[] = [];
  const context = {
    req: { cookies },
    res: { setHeader: (_name: string, value: string) => setCookie.push(value) },
    query,
  } as unknown as GetServerSidePropsContext;
  const result = await page.getServerSideProps(context);
  if (!('props' in result)) throw new Error('Expected props');
  const props = await result.props;
  return { props, html: renderToStaticMarkup(<page.default {...props} />), setCookie };
}

test('a forged login_error cookie is not shown, and is cleared', async () => {
  const { props, html, setCookie } = await openPage(
    { error: 'access_denied' },
    { login_error: 'Your account is locked. Call +1 555 0100 to unlock it.' },
  );
  expect(props.reason).toBeNull();
  expect(html).toContain('Access denied: You are not allowed to log in to this app.');
  expect(html).not.toContain('555 0100');
  expect(setCookie).toEqual([expect.stringMatching(/^login_error=; Path=\/auth-error; Max-Age=0/)]);
});

test('the Action’s message the app signed is shown', async () => {
  const { sealLoginError } = await import('@/lib/login');
  const cookie = await sealLoginError('access_denied', 'blocked', exampleEnv.AUTH0_SECRET!);
  const { html } = await openPage({ error: 'access_denied' }, { login_error: cookie });
  expect(html).toContain(
    'Access denied: This account has been blocked. Contact your administrator.',
  );
});

test('a cookie the app signed, but with a free text as its reason, shows only the fixed text', async () => {
  const { sealLoginError } = await import('@/lib/login');
  type Reason = Parameters<typeof sealLoginError>[1];
  // As if a bug, or an older version, had sealed the callback's own text.
  const freeText = 'Your account is locked. Call +1 555 0100 to unlock it.' as Reason;
  const cookie = await sealLoginError('access_denied', freeText, exampleEnv.AUTH0_SECRET!);
  const { props, html } = await openPage({ error: 'access_denied' }, { login_error: cookie });
  expect(props.reason).toBeNull();
  expect(html).toContain('Access denied: You are not allowed to log in to this app.');
  expect(html).not.toContain('555 0100');
});

test('an unknown code gets the fallback text, and the page still shows the code', async () => {
  const { html } = await openPage({ error: 'temporarily_unavailable' }, {});
  expect(html).toContain('Login failed');
  expect(html).toContain('Auth0 did not complete the login.');
  expect(html).toContain('>temporarily_unavailable</code>');
});

test.each([
  ['a sentence', 'Your account is locked. Call +1 555 0100'],
  ['markup', '<b>locked</b>'],
  ['a code too long to be one', 'a'.repeat(65)],
])(
  'a link whose error is not a code (%s) shows login_failed, not the text',
  async (_kind, error) => {
    // The code is echoed on the page: a crafted link must not choose what it says.
    const { props, html } = await openPage({ error }, {});
    expect(props.code).toBe('login_failed');
    expect(html).toContain('>login_failed</code>');
    expect(html).not.toContain(error);
    expect(html).not.toContain('locked');
  },
);
