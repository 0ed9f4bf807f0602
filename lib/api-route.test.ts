/**
 * readJsonBody against real connections: a client that sends its headers and
 * then trickles the body, one byte at a time, is answered with JSON 408 at
 * the deadline instead of holding the server (Node's own limit comes after
 * 300 s, as plain text).
 */
import http from 'node:http';
import net from 'node:net';
import type { NextApiRequest, NextApiResponse } from 'next';
import { readJsonBody } from '@/lib/api-route';
import { close, listen } from '@/test-helpers/listen';

const DEADLINE_MS = 300;

/** The two methods of NextApiResponse that readJsonBody uses, on a plain Node response. */
function apiResponse(res: http.ServerResponse) {
  return Object.assign(res, {
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    json(body: unknown) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    },
  }) as unknown as NextApiResponse;
}

const server = http.createServer(async (req, res) => {
  const body = await readJsonBody(req as NextApiRequest, apiResponse(res), {
    timeoutMs: DEADLINE_MS,
  });
  if (body) apiResponse(res).status(200).json(body.value);
});
let port: number;

beforeAll(async () => {
  port = Number(new URL(await listen(server)).port);
});
afterAll(() => close(server));

/** Sends the headers of a POST, then one byte of its body every 50 ms; resolves with the raw answer. */
function trickle(): Promise<{ answer: string; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
      );
      const drip = setInterval(() => socket.write('{'), 50);
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('close', () => {
        clearInterval(drip);
        resolve({ answer, elapsedMs: Date.now() - started });
      });
    });
    socket.on('error', reject);
  });
}

test('a body trickled byte by byte is answered with JSON 408 at the deadline, and the connection closed', async () => {
  const { answer, elapsedMs } = await trickle();
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  expect(answer).toMatch(/connection: close/i);
  expect(answer).toMatch(/content-type: application\/json/i);
  expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
    error: 'request_timeout',
    message: expect.stringContaining('did not arrive'),
  });
  expect(elapsedMs).toBeLessThan(5_000);
});

test('a body that arrives in time is read', async () => {
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"name":"CRM seat"}',
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ name: 'CRM seat' });
});
