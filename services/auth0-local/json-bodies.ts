/**
 * Auth0 takes /oauth/token and /oauth/revoke requests as JSON as well as
 * form-encoded (Auth0 Authentication API, "Get Token", "Revoke Refresh
 * Token"; Auth0's own SDKs send JSON). oidc-provider reads only forms there:
 * a JSON request is handed to it as the same fields, form-encoded.
 */
import { IncomingMessage, type ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

const PATHS = new Set(['/oauth/token', '/oauth/revoke']);
const LIMIT = 56 * 1024; // oidc-provider's own limit for a request body

async function readBody(req: Request): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMIT) throw new Error('request entity too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function formOf(json: unknown): string {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('not an object');
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(json)) {
    if (value === null || value === undefined) continue;
    form.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return form.toString();
}

export function jsonBodiesAsForms(handler: (req: IncomingMessage, res: ServerResponse) => unknown) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !PATHS.has(req.path) || !req.is('application/json')) {
      next();
      return;
    }
    let body: Buffer;
    try {
      body = Buffer.from(formOf(JSON.parse(await readBody(req))));
    } catch (error) {
      res.status(400).json({
        error: 'invalid_request',
        error_description: `The request body is not a JSON object (${(error as Error).message}).`,
      });
      return;
    }
    // The same request, its body form-encoded: a new message on the same socket.
    const form = new IncomingMessage(req.socket);
    form.method = req.method;
    form.url = req.originalUrl;
    form.httpVersion = req.httpVersion;
    form.headers = {
      ...req.headers,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(body.length),
    };
    // Complete, as a parsed message is: otherwise, once read, it would close the socket.
    form.complete = true;
    form.push(body);
    form.push(null);
    handler(form, res);
  };
}
