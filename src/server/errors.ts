import type { MessageValues } from "#app/i18n/translator.ts";

/**
 * Stable error codes. Each code has a message "errors.<code>" in every catalog;
 * field-level codes have "validation.<code>".
 */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  mfa_required: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  already_exists: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  invalid_token: 400,
  /** A referral needs a valid consent (purpose "referral", this recipient or "any"). */
  referral_consent_missing: 409,
  /** A legal hold stops erasure and retention of the case. */
  legal_hold_active: 409,
  /** A new person resembles an existing one (similar name, same or close birth date): confirm or open the existing. */
  possible_duplicate: 409,
  /** Monitoring: no approved release of this period (at the requested data version). */
  monitoring_period_unpublished: 404,
  /** Monitoring: the requested data version (release number) does not exist. */
  monitoring_version_unknown: 404,
  /** Monitoring: a period without values cannot be approved. */
  monitoring_period_empty: 409,
  /** Monitoring: the period has implausible values the approver has not confirmed (decision 133). */
  monitoring_implausible_values: 409,
  /** Surveys: this self-completion link has been used already (one response per link). */
  survey_link_used: 410,
  /** Surveys: this self-completion link has expired or was withdrawn. */
  survey_link_expired: 410,
  /** Surveys: a submission id that belongs to another form or case (the client reused it). */
  survey_submission_reused: 409,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldError = {
  /** Dotted path of the field, e.g. "email" or "features.3.geometry". */
  field: string;
  /** Key under "validation." in the catalogs. */
  code: string;
  params?: MessageValues;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldError[];
  readonly params: MessageValues;
  /** Extra machine-readable data for the client (never personal data). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    opts: {
      fields?: FieldError[];
      params?: MessageValues;
      extra?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(code, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.fields = opts.fields ?? [];
    this.params = opts.params ?? {};
    this.extra = opts.extra;
  }

  static validation(fields: FieldError[]): AppError {
    return new AppError("validation_failed", { fields });
  }
  static notFound(): AppError {
    return new AppError("not_found");
  }
  static forbidden(): AppError {
    return new AppError("forbidden");
  }
  static versionConflict(current?: number): AppError {
    return new AppError(
      "version_conflict",
      current === undefined ? {} : { extra: { currentVersion: current } },
    );
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
