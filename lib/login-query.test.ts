import { NextRequest } from 'next/server';
import { stepUpOf, withAllowedLoginParams } from './login-query';

const APP = 'http://localhost:3000';
const SETTINGS = { scope: 'openid offline_access read:products', appBaseUrl: APP };
const searchOf = (path: string) =>
  withAllowedLoginParams(new NextRequest(`${APP}${path}`), SETTINGS).nextUrl.search;
const paramsOf = (path: string) => new URLSearchParams(searchOf(path));

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
  expect(withAllowedLoginParams(clean, SETTINGS)).toBe(clean);
});

test('keeps the cookies and headers of the original request', () => {
  const request = new NextRequest(`${APP}/auth/login?scope=openid`, {
    headers: { cookie: 'a=1', 'sec-fetch-mode': 'navigate' },
  });
  const cleaned = withAllowedLoginParams(request, SETTINGS);
  expect(cleaned.cookies.get('a')?.value).toBe('1');
  expect(cleaned.headers.get('sec-fetch-mode')).toBe('navigate');
});

describe('a named step-up', () => {
  test('adds its one scope to the configured ones, on the server', () => {
    const params = paramsOf('/auth/login?step_up=add_product&returnTo=%2Fproducts');
    expect(params.get('scope')).toBe('openid offline_access read:products create:products');
    expect(params.get('step_up')).toBeNull();
  });

  test('marks the returnTo, so that a step-up not completed can be told apart', () => {
    const params = paramsOf('/auth/login?step_up=add_product&returnTo=%2Fproducts%3Fpage%3D2');
    expect(params.get('returnTo')).toBe('/products?page=2&step_up=add_product');
    expect(stepUpOf(params.get('returnTo') ?? undefined, APP)).toBe('add_product');
    expect(stepUpOf('/products', APP)).toBeNull();
    expect(stepUpOf('/products?step_up=delete_everything', APP)).toBeNull();
  });

  test('keeps the returnTo a path of this app', () => {
    expect(
      paramsOf('/auth/login?step_up=add_product&returnTo=%2F%2Fevil.example').get('returnTo'),
    ).toBe('/?step_up=add_product');
    expect(paramsOf('/auth/login?step_up=add_product').get('returnTo')).toBe(
      '/?step_up=add_product',
    );
  });

  test('an unknown name, or a scope beside it, asks for nothing more', () => {
    expect(searchOf('/auth/login?step_up=delete_everything')).toBe('');
    expect(searchOf('/auth/login?step_up=create%3Aproducts')).toBe('');
    const params = paramsOf('/auth/login?step_up=add_product&scope=openid+delete%3Aproducts');
    expect(params.get('scope')).toBe('openid offline_access read:products create:products');
    expect(params.getAll('scope')).toHaveLength(1);
  });
});
