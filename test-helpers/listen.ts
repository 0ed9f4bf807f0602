/** Serves a test server on a free loopback port, never on a public interface. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` on 127.0.0.1 and a port the system picks; resolves to its base URL. */
export function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/**
 * Stops `server`, ending its open connections too: a request left hanging by
 * a failed test must not keep Jest from exiting.
 */
export function close(server: http.Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

/** A loopback port with nothing listening on it (the system's pick, closed again). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  const url = await listen(server);
  await close(server);
  return Number(new URL(url).port);
}
