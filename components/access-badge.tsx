import type { User } from '@auth0/nextjs-auth0/types';
import { getDepartment, getRoles } from '@/lib/claims';

/**
 * The role and department from the session (the Action's claims). Display
 * only: the products API makes the real decisions from the access token.
 */
export function AccessBadge({ user }: { user: User }) {
  const roles = getRoles(user);
  const department = getDepartment(user);
  const label = [roles.length ? roles.join(', ') : 'no role', department]
    .filter(Boolean)
    .join(' · ');
  return (
    <span
      title="Your role and department, from the post-login Action's claims"
      className="hidden rounded-full bg-brand-50 px-2.5 py-1 text-xs font-medium text-brand-700 md:inline"
    >
      {label}
    </span>
  );
}
