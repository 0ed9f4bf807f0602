import { STEP_UPS, stepUpLoginUrl, type StepUp } from '@/lib/step-up';

type StepUpPromptProps = { stepUp: StepUp; returnTo: string };

/**
 * In place of the form a step-up unlocks: the session's token lacks the
 * scope, so the user confirms it's them first. A plain link, like LoginButton:
 * /auth/login redirects to Auth0, which asks for the second factor.
 */
export function StepUpPrompt({ stepUp, returnTo }: StepUpPromptProps) {
  return (
    <section
      aria-labelledby="step-up-heading"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="step-up-heading" className="font-semibold text-slate-900">
        Confirm it’s you to add products
      </h2>
      <p className="text-sm text-slate-600">
        Adding products needs a second factor: a one-time code from your authenticator app. Your
        session can then add products for the next few minutes.
      </p>
      <a
        href={stepUpLoginUrl(stepUp, returnTo)}
        className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none"
      >
        Confirm it’s you
      </a>
      <p className="text-xs text-slate-500">
        The app then asks Auth0 for <code>{STEP_UPS[stepUp]}</code>.
      </p>
    </section>
  );
}
