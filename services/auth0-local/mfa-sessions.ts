/**
 * When each session passed a second factor, for the `mfa` entry of
 * event.authentication.methods (Auth0's "Post-login event object").
 *
 * oidc-provider keeps the login's `amr` on the session, and copies it into
 * each authorization code and refresh token, but not the time: the times are
 * kept here, by session id (the `sid` the tokens carry), in memory like the
 * sessions themselves. A token asks for the last challenge passed no later
 * than it was issued, so a refresh sees its own login's time, not a later one.
 */

/** Sessions beyond this many forget their oldest entries (a session lives 3 days at most). */
const MAX_SESSIONS = 10_000;

export function createMfaSessions() {
  /** Session id → the seconds since the epoch of each challenge passed, in order. */
  const passed = new Map<string, number[]>();

  return {
    record(sessionId: string, at: Date = new Date()) {
      const times = passed.get(sessionId) ?? [];
      times.push(Math.floor(at.getTime() / 1000));
      passed.delete(sessionId);
      passed.set(sessionId, times);
      if (passed.size > MAX_SESSIONS) passed.delete(passed.keys().next().value as string);
    },

    /**
     * The ISO time of the last challenge the session passed at or before
     * `notAfter` (seconds since the epoch), if the login's `amr` says it had one.
     */
    mfaAt(
      sessionId: string | undefined,
      amr: string[] | undefined,
      notAfter: number,
    ): string | undefined {
      if (!sessionId || !amr?.includes('mfa')) return undefined;
      const last = (passed.get(sessionId) ?? []).filter((at) => at <= notAfter).at(-1);
      return last === undefined ? undefined : new Date(last * 1000).toISOString();
    },
  };
}

export type MfaSessions = ReturnType<typeof createMfaSessions>;
