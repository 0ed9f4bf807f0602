import { useUser } from '@auth0/nextjs-auth0';
import dynamic from 'next/dynamic';
import Head from 'next/head';
import { useRouter } from 'next/router';
import { useEffect } from 'react';
import { useSWRConfig } from 'swr';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { ErrorBoundary } from '@/components/error-boundary';
import { LoginButton } from '@/components/login-button';
import { ProductList, ProductListSkeleton } from '@/components/product-list';
import { StepUpPrompt } from '@/components/step-up-prompt';
import { getRoles } from '@/lib/claims';
import { PROFILE_ROUTE } from '@/lib/profile-route';
import { ApiError } from '@/lib/fetch-json';
import { STEP_UP_CANCELLED_PARAM, STEP_UP_PARAM } from '@/lib/step-up';
import { PRODUCTS_KEY, useProducts } from '@/lib/use-products';
import { useStepUp } from '@/lib/use-step-up';

// Only admins see the form, so only they download it (and zod, which
// validates it): everyone else's first load stays small (`npm run bench:bundle`).
const ProductForm = dynamic(() => import('@/components/product-form').then((m) => m.ProductForm), {
  loading: () => <div aria-hidden="true" className="h-80 animate-pulse rounded-xl bg-slate-100" />,
});

function ProductsView({ isAdmin }: { isAdmin: boolean }) {
  const { data, error, isLoading, mutate } = useProducts();
  const { mutate: revalidate } = useSWRConfig();

  // A 401 means the session could not be renewed. Ask /auth/profile (the
  // key useUser() reads) again: if the session is over, proxy.ts says so and
  // deletes the cookie, and the nav stops showing a user who is gone.
  useEffect(() => {
    if (error?.status === 401) void revalidate(PROFILE_ROUTE);
  }, [error, revalidate]);

  let list: React.ReactNode;
  if (error) {
    list = <ApiErrorNotice error={error} onRetry={() => mutate()} returnTo="/products" />;
  } else if (isLoading || data === undefined) {
    list = <ProductListSkeleton />;
  } else if (data.products.length === 0) {
    list = (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        {data.notice ?? 'No products yet.'}
      </p>
    );
  } else {
    list = <ProductList products={data.products} />;
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <section aria-labelledby="products-heading" className="space-y-4">
        <h2 id="products-heading" className="sr-only">
          Product list
        </h2>
        {data && (
          <p className="text-sm text-slate-600">
            {data.visibleDepartments === 'all'
              ? 'As an admin you see every department.'
              : `You see the products of: ${data.visibleDepartments.join(', ') || 'no department'}.`}
          </p>
        )}
        {list}
      </section>
      {/* The form only shows for admins; the API checks the permission itself. */}
      {isAdmin && (
        <aside>
          <AddProduct onCreated={() => mutate()} />
        </aside>
      )}
    </div>
  );
}

/**
 * The form, once the session's token may add products; until then, the
 * prompt to confirm it's the admin with a second factor (lib/step-up.ts).
 */
function AddProduct({ onCreated }: { onCreated: () => unknown }) {
  const { data, error, mutate } = useStepUp();
  const { query } = useRouter();
  if (error) return <ApiErrorNotice error={error} onRetry={() => mutate()} returnTo="/products" />;
  if (!data)
    return <div aria-hidden="true" className="h-48 animate-pulse rounded-xl bg-slate-100" />;
  if (!data.add_product.allowed) return <StepUpPrompt stepUp="add_product" returnTo="/products" />;
  return (
    <ProductForm
      onCreated={onCreated}
      // Refused as not stepped up (the window passed while filling it in): ask again.
      onStepUpRequired={() => mutate()}
      // Back from the step-up: straight to the form.
      autoFocus={query[STEP_UP_PARAM] === 'add_product'}
    />
  );
}

/** After a step-up the user cancelled or failed: the login came back here (lib/auth0.ts). */
function StepUpCancelledNotice() {
  const { query } = useRouter();
  if (query[STEP_UP_CANCELLED_PARAM] !== 'add_product') return null;
  return (
    <p role="status" className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-950">
      <span className="font-semibold">You did not confirm it’s you, so nothing was added.</span> You
      are still signed in. To add a product, choose “Confirm it’s you” again.
    </p>
  );
}

/** Shown when the list crashed while rendering: whatever the API sent, the page stays usable. */
function ProductsCrashed({ retry }: { retry: () => void }) {
  const { mutate } = useSWRConfig();
  const error = new ApiError(0, 'invalid_response', 'The app received products it cannot show.');
  const retryWithFreshData = () => {
    // Drop the answer that crashed the list, so that it is fetched again, not shown again.
    void mutate(PRODUCTS_KEY, undefined, { revalidate: true });
    retry();
  };
  return <ApiErrorNotice error={error} onRetry={retryWithFreshData} returnTo="/products" />;
}

export default function Products() {
  const { user, isLoading } = useUser();

  return (
    <div className="space-y-6">
      <Head>
        <title>Products | Next.js + Auth0 Starter</title>
      </Head>
      <div>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Products</h1>
        <p className="mt-2 max-w-2xl text-slate-600">
          Loaded from the products API through <code>/api/products</code>: the browser sends its
          session cookie, the server adds your access token, and the API decides what you may see
          from the token’s permissions and department claim.
        </p>
      </div>
      <StepUpCancelledNotice />
      {isLoading ? (
        <ProductListSkeleton />
      ) : user ? (
        <ErrorBoundary fallback={(retry) => <ProductsCrashed retry={retry} />}>
          <ProductsView isAdmin={getRoles(user).includes('admin')} />
        </ErrorBoundary>
      ) : (
        <div className="rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
          <p className="text-slate-700">Log in to see the products your role allows.</p>
          <div className="mt-4">
            <LoginButton returnTo="/products" />
          </div>
        </div>
      )}
    </div>
  );
}
