/**
 * Serves an HTTP handler on both loopback addresses ("localhost" resolves to
 * either 127.0.0.1 or ::1), never on a public interface.
 */
import http from 'node:http';

export function listenOnLoopback(
  handler: http.RequestListener,
  port: number,
  name: string,
  onListening: () => void,
): () => void {
  const servers = ['127.0.0.1', '::1'].map((host) => {
    const server = http.createServer(handler);
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (host === '::1' && (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT'))
        return;
      console.error(
        error.code === 'EADDRINUSE'
          ? `[${name}] Port ${port} is in use: stop whatever uses it, or change the port in .env.local.`
          : `[${name}] ${error.message}`,
      );
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
