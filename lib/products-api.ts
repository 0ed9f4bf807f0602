/**
 * Server only: the backend-for-frontend call to the products API.
 *
 * The browser calls our API routes with its session cookie; this code takes
 * the user's access token from the session and calls the real API with it.
 * The token never leaves the server. Failures become JSON the UI can explain.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getAccessToken } from '@/lib/access-token';
import { parseServerEnv } from '@/lib/env';

const env = parseServerEnv();

export type UpstreamRequest = { method: 'GET' | 'POST'; path: string; body?: unknown };
export type ProxyResult = { status: number; body: unknown };

function failure(status: number, error: string, message: string): ProxyResult {
  return { status, body: { error, message } };
}

export async function callProductsApi(
  req: IncomingMessage,
  res: ServerResponse,
  { method, path, body }: UpstreamRequest,
): Promise<ProxyResult> {
  // From the session; refreshed with the refresh token first if it has
  // expired (the new tokens are written to the session cookie on `res`).
  const accessToken = await getAccessToken(req, res);
  if ('problem' in accessToken) {
    const { status, error, message } = accessToken.problem;
    return failure(status, error, message);
  }
  const { token } = accessToken;

  // One deadline for the whole exchange, answer body included.
  const signal = AbortSignal.timeout(env.PRODUCTS_API_TIMEOUT_MS);
  try {
    const response = await fetch(new URL(path, env.PRODUCTS_API_URL), {
      method,
      signal,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 500) {
      console.error(`[products-api] ${method} ${path} answered ${response.status}`);
      return failure(502, 'upstream_error', 'The products API failed. Try again in a moment.');
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch (error) {
      if (signal.aborted) throw error;
      return failure(
        502,
        'upstream_invalid_response',
        'The products API sent an answer that is not JSON.',
      );
    }
    // 2xx and 4xx pass through: the API is the authority on what the user may do.
    return { status: response.status, body: data };
  } catch (error) {
    if (signal.aborted) {
      return failure(
        504,
        'upstream_timeout',
        'The products API did not answer in time. Try again.',
      );
    }
    console.error(`[products-api] ${method} ${path} failed: ${(error as Error).message}`);
    return failure(
      502,
      'upstream_unreachable',
      'The products API cannot be reached. Try again in a moment.',
    );
  }
}
