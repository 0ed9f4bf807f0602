import type { Middleware } from 'swr';

/** The route useUser() reads: the SDK's default, mounted by proxy.ts. */
export const PROFILE_ROUTE = '/auth/profile';

/**
 * SWR middleware for pages rendered on the server with the user in their
 * props. Auth0Provider already hands that user to useUser(), so asking
 * /auth/profile again on mount would only repeat the server's answer (it is
 * still asked when the tab regains focus). The exception is for that one key:
 * every other useSWR hook on the page fetches on mount as usual.
 */
export const skipProfileFetchOnMount: Middleware = (useSWRNext) => (key, fetcher, config) =>
  useSWRNext(
    key,
    fetcher,
    key === PROFILE_ROUTE ? { ...config, revalidateOnMount: false } : config,
  );
