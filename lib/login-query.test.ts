import { NextRequest } from 'next/server';
import { withAllowedLoginParams } from './login-query';

const APP = 'http://localhost:3000';
const searchOf = (path: string) =>
  withAllowedLoginParams(new NextRequest(`${APP}${path}`)).nextUrl.search;

test('keeps returnTo and the login page hints, drops everything else', () => {
  expect(
    searchOf(
      '/auth/login?scope=openid&returnTo=%2Fproducts&Audience=x&screen_hint=signup&prompt=none',
    ),
  ).toBe('?returnTo=%2Fproducts&screen_hint=signup');
});

test('drops every copy of a repeated parameter', () => {
  expect(searchOf('/auth/login?scope=a&scope=b&audience=c&audience=d')).toBe('');
});

test('applies with a trailing slash too', () => {
  expect(searchOf('/auth/login/?scope=openid')).toBe('');
});

test('leaves other routes alone, and a clean login request unchanged', () => {
  expect(searchOf('/products?scope=openid')).toBe('?scope=openid');
  expect(searchOf('/auth/logout?returnTo=%2F&federated')).toBe('?returnTo=%2F&federated');
  const clean = new NextRequest(`${APP}/auth/login?returnTo=%2Fprofile`);
  expect(withAllowedLoginParams(clean)).toBe(clean);
});

test('keeps the cookies and headers of the original request', () => {
  const request = new NextRequest(`${APP}/auth/login?scope=openid`, {
    headers: { cookie: 'a=1', 'sec-fetch-mode': 'navigate' },
  });
  const cleaned = withAllowedLoginParams(request);
  expect(cleaned.cookies.get('a')?.value).toBe('1');
  expect(cleaned.headers.get('sec-fetch-mode')).toBe('navigate');
});
