import { LoginButton } from '@/components/login-button';
import type { ApiError } from '@/lib/fetch-json';

/** The 503s of lib/token-errors.ts: Auth0 could not renew the session, which is kept. */
const auth0Trouble: Record<string, string> = {
  auth0_unreachable: 'Auth0 cannot be reached right now.',
  auth0_rate_limited: 'Auth0 is busy right now.',
  auth0_misconfigured: 'The app cannot renew your session with Auth0 right now.',
  auth0_error: 'Auth0 could not renew your session right now.',
};

type ApiErrorNoticeProps = { error: ApiError; onRetry: () => void; returnTo: string };

/** Says what went wrong in the user's terms, and offers the one thing that helps. */
export function ApiErrorNotice({ error, onRetry, returnTo }: ApiErrorNoticeProps) {
  let title: string;
  let action: React.ReactNode = null;
  const retry = (
    <button
      type="button"
      onClick={onRetry}
      className="rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
    >
      Try again
    </button>
  );
  if (Object.hasOwn(auth0Trouble, error.code)) {
    // The session may be fine: sending the user to a login page would not
    // help (it may not even load). Waiting will.
    title = auth0Trouble[error.code]!;
    action = retry;
  } else if (error.code === 'mfa_required') {
    // An Action asked for a second factor on refresh: a login can ask for it.
    title = 'Confirm it’s you to carry on.';
    action = <LoginButton returnTo={returnTo}>Confirm it’s you</LoginButton>;
  } else if (error.status === 401) {
    title = 'Your session has expired — log in again.';
    action = <LoginButton returnTo={returnTo}>Log in again</LoginButton>;
  } else if (error.status === 403) {
    title = 'You are not allowed to see this.';
  } else {
    title = 'The products could not be loaded.';
    action = retry;
  }

  return (
    <div role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-5 text-amber-950">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm">{error.message}</p>
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
