/**
 * Client side: the products through our own API routes, with SWR. The browser
 * sends only its session cookie; /api/products adds the access token on the server.
 */
import useSWR from 'swr';
import type { FieldErrors, NewProduct, Product, ProductList } from '@/lib/products';

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

async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
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

export const PRODUCTS_KEY = '/api/products';

export function useProducts() {
  return useSWR<ProductList, ApiError>(PRODUCTS_KEY, fetchJson, {
    // Retrying will not fix "log in again" or "not allowed": only server errors.
    shouldRetryOnError: (error: ApiError) => error.status >= 500,
    errorRetryCount: 2,
  });
}

export function createProduct(product: NewProduct): Promise<Product> {
  return fetchJson<Product>(PRODUCTS_KEY, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(product),
  });
}
