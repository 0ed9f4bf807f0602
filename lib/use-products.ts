/**
 * Client side: the products through our own API routes, with SWR. The browser
 * sends only its session cookie; /api/products adds the access token on the server.
 */
import useSWR from 'swr';
import { type ApiError, fetchJson } from '@/lib/fetch-json';
import type { NewProduct, Product, ProductList } from '@/lib/products';

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
