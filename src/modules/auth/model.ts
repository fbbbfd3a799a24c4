/**
 * The auth module's public model: what a session still needs after the password, and the
 * limits of throttling and reset links. Browser-safe: no table definitions, no database.
 */
import type { Language } from "../../i18n/languages.ts";

/** What a second factor still needs after the password: nothing, the code, or enrolment first. */
export const MFA_STATES = ["none", "verify", "enrol"] as const;
export type MfaState = (typeof MFA_STATES)[number];

/** Consecutive failures before a key is locked, and the growing lock lengths. */
export const THROTTLE_LIMIT = 5;
/** Failures from one client address (over all accounts) before it is locked. */
export const IP_THROTTLE_LIMIT = 20;
/** Password-reset requests per account and address pair before a pause. */
export const RESET_REQUEST_LIMIT = 3;
export const LOCK_MINUTES = [1, 5, 15, 60] as const;
export const RESET_TOKEN_MINUTES = 60;

export type SignInResult = {
  /** Set-Cookie header values: the session, and the user's language for the staff app. */
  cookies: string[];
  userId: string;
  mfa: MfaState;
  language: Language | undefined;
};
