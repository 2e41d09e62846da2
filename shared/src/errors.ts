/** Every error code the API can answer with, and its HTTP status. */
export const errorStatus = {
  'validation.failed': 400,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.mfa_required': 401,
  'auth.mfa_invalid': 401,
  'auth.forbidden': 403,
  'auth.bad_origin': 403,
  'auth.mfa_enrolment_required': 403,
  'auth.account_locked': 403,
  'auth.email_taken': 409,
  'auth.password_common': 400,
  'auth.password_reused': 400,
  'auth.token_invalid': 400,
  'auth.mfa_already_enabled': 409,
  'auth.mfa_not_enabled': 409,
  'group.not_member': 403,
  'group.already_member': 409,
  'group.request_pending': 409,
  'group.request_decided': 409,
  'group.invite_only': 403,
  'group.join_blocked': 403,
  'group.invite_invalid': 410,
  'group.last_owner': 409,
  'group.slug_taken': 409,
  'message.too_long': 400,
  'message.not_editable': 403,
  'moderation.muted': 403,
  'moderation.slow_mode': 429,
  'moderation.blocked': 400,
  'moderation.link_limit': 400,
  'moderation.flag_limit': 429,
  'moderation.already_flagged': 409,
  'moderation.own_message': 403,
  'moderation.item_resolved': 409,
  'moderation.claimed': 409,
  'moderation.self': 403,
  'moderation.own_action': 403,
  'moderation.not_appealable': 409,
  'moderation.appeal_expired': 409,
  'moderation.appeal_exists': 409,
  'moderation.appeal_decided': 409,
  'moderation.filter_exists': 409,
  'ws.bad_frame': 400,
  'ws.not_subscribed': 400,
  not_found: 404,
  rate_limited: 429,
  payload_too_large: 413,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

/** True when the string is one of our stable error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorStatus, code);
}
