/**
 * The reverse proxy's configuration, as the deployed-shape rehearsal writes
 * it: loopback only, the forwarding headers a hosting platform sets, and
 * header buffers large enough for the session cookie. The rehearsal itself
 * (npm run test:e2e:deployed) runs it in front of the app.
 */
import { nginxConfig, type ReverseProxyOptions } from './reverse-proxy';

const options: ReverseProxyOptions = {
  address: '127.0.0.2',
  certificate: { certFile: '/run/edge-cert.pem', keyFile: '/run/edge-key.pem', spkiSha256: 'x' },
  caFile: '/run/ca.pem',
  sites: [
    { host: 'app.rehearsal.test', upstream: 'http://127.0.0.1:3300' },
    { host: 'api.rehearsal.test', upstream: 'http://127.0.0.1:4300' },
  ],
};

const directives = (config: string, name: string) =>
  config
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${name} `));

test('listens on the given loopback address only, port 443 over TLS', () => {
  const config = nginxConfig('/run/nginx', options);
  expect(new Set(directives(config, 'listen'))).toEqual(
    new Set(['listen 127.0.0.2:443 ssl default_server;', 'listen 127.0.0.2:443 ssl;']),
  );
  // A name it does not serve gets no certificate at all.
  expect(config).toContain('ssl_reject_handshake on;');
});

test('forwards each name to its upstream with Host preserved and X-Forwarded-*', () => {
  const config = nginxConfig('/run/nginx', options);
  expect(directives(config, 'proxy_pass')).toEqual([
    'proxy_pass http://127.0.0.1:3300;',
    'proxy_pass http://127.0.0.1:4300;',
  ]);
  for (const header of [
    'Host $host',
    'X-Forwarded-Proto $scheme',
    'X-Forwarded-Host $host',
    'X-Forwarded-For $proxy_add_x_forwarded_for',
  ])
    expect(directives(config, 'proxy_set_header')).toContain(`proxy_set_header ${header};`);
});

test('keeps every file of the run in its folder, and runs in the foreground', () => {
  const config = nginxConfig('/run/nginx', options);
  expect(config).toMatch(/^daemon off;$/m);
  for (const name of ['pid', 'error_log', 'access_log', 'proxy_temp_path', 'client_body_temp_path'])
    expect(directives(config, name)[0]).toMatch(new RegExp(`^${name} /run/nginx/`));
});

test('header buffers hold the session cookie, unless asked for nginx’s defaults', () => {
  expect(directives(nginxConfig('/run/nginx', options), 'proxy_buffer_size')).toEqual([
    'proxy_buffer_size 16k;',
  ]);
  const defaults = nginxConfig('/run/nginx', { ...options, largeHeaderBuffers: false });
  expect(directives(defaults, 'proxy_buffer_size')).toEqual([]);
});
