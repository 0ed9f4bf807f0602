/**
 * Universal Login's one-time-password screens, shown when a post-login Action
 * called api.multifactor.enable: after every Action ran and none denied, as on
 * Auth0 ("Customize MFA Selection"), the login waits here for a code.
 *
 * - /u/mfa-otp-challenge: the user has a secret (local-users.yaml, or an
 *   earlier enrolment): enter the current code.
 * - /u/mfa-otp-enrollment-qr: the user has none: a new secret, as a QR code
 *   and as text; the first right code enrols it.
 * A wrong code shows the screen again with a message; after MAX_WRONG_CODES
 * the login ends with access_denied, as does "Cancel".
 */
import express, { type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import type { InteractionDetails } from './login-request';
import {
  MAX_WRONG_CODES,
  enrolmentUri,
  isValidCode,
  newSecret,
  qrCodeSvg,
  type Enrolments,
} from './mfa';
import { mfaChallengePage, mfaEnrolmentPage } from './pages';
import type { LocalUser } from './tenant';

const CHALLENGE = '/u/mfa-otp-challenge';
const ENROLMENT = '/u/mfa-otp-enrollment-qr';

/** Logins left waiting for a code are forgotten beyond this many. */
const MAX_PENDING = 1000;

export const WRONG_CODE = 'That code is not right, try again';
export const TOO_MANY_WRONG_CODES =
  'Too many wrong one-time codes: the second factor was not completed';
export const CANCELLED = 'The second factor was not completed: the user cancelled the login';

/** Carries the login on once the code is right (universal-login.ts). */
type Finish = (req: Request, res: Response, details: InteractionDetails) => Promise<void>;

type Pending = {
  user: LocalUser;
  secret: string;
  enrolling: boolean;
  wrongCodes: number;
  finish: Finish;
};

export function mfaScreens(options: {
  provider: Provider;
  appName: string;
  enrolments: Enrolments;
  /** Records the passed challenge for the login's session (provider.ts). */
  onPassed: (interactionUid: string) => void;
}) {
  const { provider, appName, enrolments, onPassed } = options;
  const pending = new Map<string, Pending>();
  const screenUrl = (entry: Pending, uid: string) =>
    `${entry.enrolling ? ENROLMENT : CHALLENGE}?state=${encodeURIComponent(uid)}`;

  /** Sends the browser to the challenge, or to enrolment for a user without a secret. */
  function start(res: Response, details: InteractionDetails, user: LocalUser, finish: Finish) {
    const secret = enrolments.secretOf(user.user_id);
    const entry = {
      user,
      secret: secret ?? newSecret(),
      enrolling: secret === undefined,
      wrongCodes: 0,
      finish,
    };
    pending.delete(details.uid);
    pending.set(details.uid, entry);
    if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value as string);
    res.redirect(303, screenUrl(entry, details.uid));
  }

  async function page(entry: Pending, error?: string): Promise<string> {
    const { user, secret } = entry;
    if (!entry.enrolling) return mfaChallengePage({ appName, email: user.email, error });
    return mfaEnrolmentPage({
      appName,
      email: user.email,
      secret,
      qrCodeSvg: await qrCodeSvg(enrolmentUri(secret, appName, user.email)),
      error,
    });
  }

  const router = express.Router();

  router.get([CHALLENGE, ENROLMENT], async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const entry = pending.get(details.uid);
      // Nothing waits for a code in this login: the login screen carries on.
      if (!entry) {
        res.redirect(303, `/u/login?state=${encodeURIComponent(details.uid)}`);
        return;
      }
      if (req.path !== (entry.enrolling ? ENROLMENT : CHALLENGE)) {
        res.redirect(303, screenUrl(entry, details.uid));
        return;
      }
      res.type('html').send(await page(entry));
    } catch (error) {
      next(error);
    }
  });

  router.post(
    [CHALLENGE, ENROLMENT],
    express.urlencoded({ extended: false }),
    async (req, res, next) => {
      try {
        const details = await provider.interactionDetails(req, res);
        const entry = pending.get(details.uid);
        if (!entry) {
          res.redirect(303, `/u/login?state=${encodeURIComponent(details.uid)}`);
          return;
        }
        if (req.body?.action === 'cancel') {
          pending.delete(details.uid);
          await provider.interactionFinished(req, res, {
            error: 'access_denied',
            error_description: CANCELLED,
          });
          return;
        }
        if (!(await isValidCode(entry.secret, String(req.body?.code ?? '')))) {
          entry.wrongCodes += 1;
          if (entry.wrongCodes >= MAX_WRONG_CODES) {
            pending.delete(details.uid);
            console.log(
              `[auth0-local] ${entry.user.email}: ${MAX_WRONG_CODES} wrong one-time codes, login refused`,
            );
            await provider.interactionFinished(req, res, {
              error: 'access_denied',
              error_description: TOO_MANY_WRONG_CODES,
            });
            return;
          }
          res
            .status(400)
            .type('html')
            .send(await page(entry, WRONG_CODE));
          return;
        }
        pending.delete(details.uid);
        if (entry.enrolling) {
          enrolments.enrol(entry.user.user_id, entry.secret);
          console.log(
            `[auth0-local] ${entry.user.email} enrolled a one-time-password app, kept until the local Auth0 stops`,
          );
        }
        onPassed(details.uid);
        await entry.finish(req, res, details);
      } catch (error) {
        next(error);
      }
    },
  );

  return { router, start };
}
