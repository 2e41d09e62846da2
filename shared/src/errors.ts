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
  'webinar.members_only': 403,
  'webinar.cancelled': 409,
  'webinar.registration_closed': 409,
  'webinar.answers_invalid': 400,
  'webinar.not_registered': 409,
  'webinar.already_started': 409,
  'room.not_allowed': 403,
  'room.removed': 403,
  'room.not_joined': 400,
  'room.not_open': 409,
  'room.chat_closed': 403,
  'room.poll_closed': 409,
  'room.poll_invalid': 400,
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
