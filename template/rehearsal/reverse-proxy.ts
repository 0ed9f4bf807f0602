/**
 * The deployed-shape rehearsal's reverse proxy: Debian's nginx, ending TLS in
 * front of `next start` (and of the products API) as a hosting platform's edge
 * does, forwarding plain http to loopback ports with Host preserved and
 * X-Forwarded-Proto/Host/For set.
 *
 * Started and stopped by the rehearsal, never installed or configured on the
 * machine: `-p` and `-c` point at a temporary folder holding the
 * configuration, the pid file, both logs and the temp folders; `daemon off`
 * keeps the master in the foreground as our child, in a process group of its
 * own, so stopping it stops its workers too. It listens on one loopback
 * address only (STAND_IN_PROXY_ADDRESS, 127.0.0.2: port 443 on 127.0.0.1 is
 * the stand-in tenant's), so the app's URL carries no port, like a real one.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { ServerCertificate } from './certificates';

export type ProxiedSite = {
  /** The public name, e.g. app.rehearsal.test. */
  host: string;
  /** Where the proxy forwards it, e.g. http://127.0.0.1:3300. */
  upstream: string;
};

export type ReverseProxyOptions = {
  /** The loopback address it listens on, port 443. */
  address: string;
  certificate: ServerCertificate;
  /** The authority the certificate comes from, to check that the proxy serves it. */
  caFile: string;
  sites: ProxiedSite[];
  /** false: nginx's default header buffers, to show what the app's cookies need. */
  largeHeaderBuffers?: boolean;
};

export type ReverseProxy = {
  stop: () => Promise<void>;
  /** nginx's errors so far, without the refused connections of the wait for the app to start. */
  errorLog: () => string;
};

/**
 * What the app needs from a proxy in front of it (docs/tutorial/08-deploy.md,
 * "Behind a reverse proxy"): the Host the browser asked for and the scheme it
 * used, and header buffers that hold the session cookie. Measured here with
 * the demo admin: the login callback's response headers are 3.7 kB (a 2.5 kB
 * session cookie, the SDK's deletions of its chunk cookies, the CSP), and so
 * is a renewal's. nginx's default proxy_buffer_size is one memory page (4 kB
 * on x86-64): a user with a few more claims would get 502 "upstream sent too
 * big header" at login. The SDK splits the cookie only above 3.5 kB, so 16k
 * leaves room for the largest unsplit session.
 */
export const PROXY_HEADERS = `
    proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
`;

export const HEADER_BUFFERS = `
    proxy_buffer_size 16k;
    proxy_buffers 8 16k;
    proxy_busy_buffers_size 32k;
    large_client_header_buffers 4 16k;
`;

/** The whole nginx configuration, with every path inside `dir`. */
export function nginxConfig(dir: string, options: ReverseProxyOptions): string {
  const { address, certificate } = options;
  const tlsFiles = `
    ssl_certificate ${certificate.certFile};
    ssl_certificate_key ${certificate.keyFile};`;
  const servers = options.sites.map(
    ({ host, upstream }) => `
  server {
    listen ${address}:443 ssl;
    server_name ${host};${tlsFiles}
    location / {
      proxy_pass ${upstream};
${PROXY_HEADERS.trim().replace(/^ {4}/gm, '      ')}
    }
  }`,
  );
  return `# Written by template/rehearsal/reverse-proxy.ts for one run.
daemon off;
master_process on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events {
  worker_connections 256;
}
http {
  access_log ${dir}/access.log;
  # Inside the run's folder rather than the package's /var/lib/nginx.
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ssl_protocols TLSv1.2 TLSv1.3;
${options.largeHeaderBuffers === false ? '' : HEADER_BUFFERS.trim().replace(/^ {4}/gm, '  ')}
  # Any other name at this address: no certificate, no app.
  server {
    listen ${address}:443 ssl default_server;
    ssl_reject_handshake on;
  }${servers.join('')}
}
`;
}

/** The nginx of Debian's nginx-light package, or NGINX. */
function nginxBinary(): string {
  const binary = process.env.NGINX ?? '/usr/sbin/nginx';
  if (!fs.existsSync(binary))
    throw new Error(
      `No nginx at ${binary}: install it (Debian/Ubuntu: apt-get install nginx-light) or set NGINX to its path.`,
    );
  return binary;
}

export async function startReverseProxy(options: ReverseProxyOptions): Promise<ReverseProxy> {
  const binary = nginxBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearsal-nginx-'));
  // nginx's workers run as another user when started by root: they must be
  // able to enter the folder to reach their temp folders (nginx creates those).
  fs.chmodSync(dir, 0o711);
  const confFile = path.join(dir, 'nginx.conf');
  fs.writeFileSync(confFile, nginxConfig(dir, options));
  const errorLog = () => {
    let log = '';
    try {
      log = fs.readFileSync(path.join(dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
    const lines = log.split('\n').filter(Boolean);
    const waiting = (line: string) => /connect\(\) failed \(111: /.test(line);
    const kept = lines.filter((line) => !waiting(line));
    const left = lines.length - kept.length;
    return [
      ...kept,
      ...(left ? [`(and ${left} refused connections to a server not yet started)`] : []),
    ].join('\n');
  };

  // -e: errors from before the configuration is read go to stderr, not /var/log/nginx.
  const child = spawn(binary, ['-p', dir, '-c', confFile, '-e', 'stderr'], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let running = true;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running = false;
      resolve();
    }),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  const stop = async () => {
    if (running) {
      // SIGQUIT: a graceful stop; the workers finish their requests first.
      signalGroup('SIGQUIT');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForTls(() => running, options);
  } catch (error) {
    const log = errorLog();
    await stop();
    throw new Error(`${(error as Error).message}${log ? `\nnginx's error log:\n${log}` : ''}`);
  }
  return { stop, errorLog };
}

/** Waits until the proxy completes a TLS handshake for its first name with the run's certificate. */
async function waitForTls(isRunning: () => boolean, options: ReverseProxyOptions): Promise<void> {
  const ca = fs.readFileSync(options.caFile, 'utf8');
  const servername = options.sites[0]!.host;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (!isRunning()) throw new Error('nginx stopped before it listened.');
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = tls.connect({ host: options.address, port: 443, servername, ca }, () => {
          socket.end();
          resolve();
        });
        socket.once('error', reject);
      });
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ECONNREFUSED' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
