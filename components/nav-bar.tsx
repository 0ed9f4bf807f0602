import { useUser } from '@auth0/nextjs-auth0';
import Link from 'next/link';
import { AccessBadge } from '@/components/access-badge';
import { LoginButton } from '@/components/login-button';
import { UserMenu } from '@/components/user-menu';

export function NavBar() {
  const { user, isLoading } = useUser();

  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        aria-label="Main"
        className="mx-auto flex h-16 max-w-5xl items-center justify-between gap-4 px-4 sm:px-6"
      >
        <div className="flex items-center gap-6">
          <Link href="/" className="font-semibold text-slate-900">
            Auth0 <span className="text-brand-600">Starter</span>
          </Link>
          <Link href="/products" className="text-sm text-slate-600 hover:text-slate-900">
            Products
          </Link>
          {user && (
            <Link
              href="/profile"
              className="hidden text-sm text-slate-600 hover:text-slate-900 sm:inline"
            >
              Profile
            </Link>
          )}
        </div>
        {/* Fixed width while loading, so nothing jumps when the user arrives. */}
        <div className="flex min-w-24 justify-end">
          {isLoading ? (
            <span
              role="status"
              aria-label="Loading your session"
              className="h-9 w-24 animate-pulse rounded-full bg-slate-100"
            />
          ) : user ? (
            <div className="flex items-center gap-3">
              <AccessBadge user={user} />
              <UserMenu user={user} />
            </div>
          ) : (
            <LoginButton />
          )}
        </div>
      </nav>
    </header>
  );
}
