/**
 * Serves an HTTP handler on both loopback addresses ("localhost" resolves to
 * either 127.0.0.1 or ::1), never on a public interface. With `tls` it serves
 * HTTPS instead, with that certificate and key (PEM).
 */
import http from 'node:http';
import https from 'node:https';

export type TlsFiles = { cert: string; key: string };

export function listenOnLoopback(
  handler: http.RequestListener,
  port: number,
  name: string,
  onListening: () => void,
  tls?: TlsFiles,
): () => void {
  const servers = ['127.0.0.1', '::1'].map((host) => {
    const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
    server.on('error', (error: NodeJS.ErrnoException) => {
      // A machine without IPv6 has no ::1: 127.0.0.1 alone is enough there.
      if (host === '::1' && (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT'))
        return;
      console.error(`[${name}] ${listenErrorMessage(error, port)}`);
      process.exit(1);
    });
    server.listen(port, host);
    return server;
  });
  servers[0]?.once('listening', onListening);

  const stop = () => {
    servers.forEach((server) => server.close());
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return stop;
}

function listenErrorMessage(error: NodeJS.ErrnoException, port: number): string {
  if (error.code === 'EADDRINUSE')
    return `Port ${port} is in use: stop whatever uses it, or change the port in .env.local.`;
  // Linux reserves ports below 1024 to root; macOS and Windows do not.
  if (error.code === 'EACCES' && port < 1024)
    return `Port ${port} needs privileges on this system: run as root, or allow it once with \`sudo sysctl -w net.ipv4.ip_unprivileged_port_start=${port}\`.`;
  return error.message;
}
