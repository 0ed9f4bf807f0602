type LoginButtonProps = { returnTo?: string; children?: React.ReactNode; size?: 'sm' | 'lg' };

const sizes = { sm: 'px-4 py-2 text-sm', lg: 'px-6 py-3 text-base' };

/**
 * A plain link, not next/link: /auth/login is served by the Auth0 proxy and
 * redirects the browser to Auth0's login page.
 */
export function LoginButton({ returnTo, children = 'Log in', size = 'sm' }: LoginButtonProps) {
  const href = returnTo ? `/auth/login?returnTo=${encodeURIComponent(returnTo)}` : '/auth/login';
  return (
    <a
      href={href}
      className={`${sizes[size]} inline-flex items-center rounded-md bg-brand-600 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none`}
    >
      {children}
    </a>
  );
}
