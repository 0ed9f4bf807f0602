/** This machine's own addresses, to check what a server can be reached on. Nothing else is contacted. */
import net from 'node:net';
import os from 'node:os';

/** The addresses other machines on the network could use to reach this one. */
export function nonLoopbackAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((info) => info && !info.internal && !info.address.startsWith('fe80:'))
    .map((info) => info!.address);
}

/** True when a TCP connection to host:port is accepted. */
export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
