/**
 * The browser's side of our API routes: one fetch that turns every failure
 * (no network, an error status, a body that is not JSON) into an ApiError the
 * UI can explain.
 */
import type { FieldErrors } from '@/lib/products';

/** An error answer from our API routes: `{ error, message, fieldErrors? }` with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'network_error', 'The app cannot be reached. Check your connection.');
  }
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: string; message?: string; description?: string; fieldErrors?: FieldErrors })
    | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error ?? 'unknown_error',
      body?.message ?? body?.description ?? `The request failed (${response.status}).`,
      body?.fieldErrors,
    );
  }
  return body as T;
}
