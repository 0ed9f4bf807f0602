import type { User } from '@auth0/nextjs-auth0/types';
import { Avatar } from '@/components/avatar';
import { getDepartment, getRoles } from '@/lib/claims';

/** Who the user is, and the roles and department the post-login Action added. */
export function ProfileCard({ user }: { user: User }) {
  const roles = getRoles(user);
  const department = getDepartment(user);
  const name = user.name ?? user.email ?? 'You';

  return (
    <section className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:flex-row sm:items-center">
      <Avatar src={user.picture} name={name} size="lg" />
      <div className="min-w-0 space-y-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{name}</h1>
          <p className="truncate text-slate-600">{user.email}</p>
        </div>
        <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
          <div>
            <dt className="text-slate-500">Roles</dt>
            <dd className="mt-1 flex flex-wrap gap-1">
              {roles.length ? (
                roles.map((role) => (
                  <span
                    key={role}
                    className="rounded-full bg-brand-50 px-2.5 py-0.5 font-medium text-brand-700"
                  >
                    {role}
                  </span>
                ))
              ) : (
                <span className="text-slate-700">No role</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Department</dt>
            <dd className="mt-1 font-medium text-slate-700">{department ?? 'None'}</dd>
          </div>
        </dl>
      </div>
    </section>
  );
}
