import { listenAddress, listenArgs } from './listen-address';

test('a localhost app listens on loopback only, on the port of APP_BASE_URL', () => {
  expect(listenAddress('http://localhost:3000')).toEqual({ hostname: 'localhost', port: '3000' });
  expect(listenAddress('http://127.0.0.1:3100', '8080')).toEqual({
    hostname: '127.0.0.1',
    port: '3100',
  });
  expect(listenAddress('http://[::1]:3000')).toEqual({ hostname: '::1', port: '3000' });
  expect(listenAddress('http://localhost')).toEqual({ hostname: 'localhost', port: '80' });
  expect(listenArgs(listenAddress('http://localhost:3000'))).toEqual([
    '--hostname',
    'localhost',
    '--port',
    '3000',
  ]);
});

test('a deployed app listens on every interface, on the port its host gives it', () => {
  expect(listenAddress('https://shop.example.com', '8080')).toEqual({ port: '8080' });
  expect(listenAddress('https://shop.example.com')).toEqual({ port: '3000' });
  expect(listenAddress('http://192.168.1.20:3000')).toEqual({ port: '3000' });
  expect(listenArgs({ port: '8080' })).toEqual(['--port', '8080']);
});
