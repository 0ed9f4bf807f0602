/**
 * `npm start` with a localhost APP_BASE_URL (the e2e app runs that way, with
 * the public example AUTH0_SECRET): it must answer on loopback, on
 * APP_BASE_URL's port, and on no other address of this machine.
 */
import { expect, test } from '@playwright/test';
import { accepts, nonLoopbackAddresses } from './network';
import { e2eTarget } from './target';

const port = Number(new URL(e2eTarget().appBaseUrl).port);

test('the app answers on loopback, on the port of APP_BASE_URL', async () => {
  expect(await accepts('127.0.0.1', port)).toBe(true);
});

test('the app cannot be reached from the network', async () => {
  const addresses = nonLoopbackAddresses();
  test.skip(addresses.length === 0, 'this machine has no network address to try');
  for (const address of addresses) {
    expect(await accepts(address, port), `${address}:${port}`).toBe(false);
  }
});
