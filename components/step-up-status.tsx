import Link from 'next/link';
import { hasScope, STEP_UPS } from '@/lib/step-up';

type StepUpStatusProps = {
  /** The access token's `scope` and `exp` claims. */
  scope: unknown;
  expiresAt: unknown;
};

const time = (seconds: number) =>
  new Date(seconds * 1000).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });

/** Whether this session has stepped up (its access token holds create:products), and until when. */
export function StepUpStatus({ scope, expiresAt }: StepUpStatusProps) {
  const steppedUp = typeof scope === 'string' && hasScope(scope, STEP_UPS.add_product);
  return (
    <section
      aria-labelledby="step-up-status-heading"
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="step-up-status-heading" className="font-semibold text-slate-900">
        Second factor
      </h2>
      {steppedUp && typeof expiresAt === 'number' ? (
        <p className="mt-1 text-sm text-slate-600">
          Confirmed: your access token holds <code>{STEP_UPS.add_product}</code> until{' '}
          {time(expiresAt)} UTC. A renewed token keeps it only for a few minutes after the second
          factor.
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-600">
          Not confirmed in this session. Admins confirm it’s them with a one-time code when they add
          a product on the{' '}
          <Link href="/products" className="font-semibold text-brand-700 underline">
            Products
          </Link>{' '}
          page.
        </p>
      )}
    </section>
  );
}
