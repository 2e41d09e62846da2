/** Every error code the API can answer with, and its HTTP status. */
export const errorStatus = {
  'validation.failed': 400,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.password_required': 401,
  'auth.mfa_required': 401,
  'auth.mfa_invalid': 401,
  'auth.recovery_code_invalid': 401,
  'auth.forbidden': 403,
  'auth.bad_origin': 403,
  'auth.mfa_enrolment_required': 403,
  'auth.mfa_step_up_required': 403,
  'auth.reauth_required': 401,
  'auth.account_locked': 403,
  'auth.email_unverified': 403,
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
  'group.read_only': 403,
  'group.move_cycle': 409,
  'message.too_long': 400,
  'message.not_editable': 403,
  'mentoring.request_open': 409,
  'mentoring.request_not_open': 409,
  'mentoring.request_locked': 409,
  'mentoring.not_eligible': 409,
  'mentoring.match_not_proposed': 409,
  'mentoring.match_not_active': 409,
  'mentoring.match_not_closed': 409,
  'mentoring.feedback_given': 409,
  'mentoring.has_matches': 409,
  /** Asking someone for direct messages was refused; one answer for every reason, so none is revealed. */
  'dm.not_allowed': 403,
  /** Writing in a direct conversation the other person has not accepted yet. */
  'direct.pending': 403,
  /** Writing in a direct conversation that has ended (declined, blocked, or the other person is gone). */
  'direct.unavailable': 403,
  /** Accepting or declining a request that is no longer waiting. */
  'direct.not_pending': 409,
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
  'video.not_joined': 400,
  'video.publish_not_allowed': 403,
  'video.not_publishing': 409,
  'video.full': 409,
  'video.unavailable': 503,
  'ws.bad_frame': 400,
  'ws.not_subscribed': 400,
  'privacy.consent_required': 403,
  'page.not_found': 404,
  'admin_user.self': 409,
  'admin_user.last_admin': 409,
  'association.not_found': 404,
  'association.name_taken': 409,
  'association.already_archived': 409,
  'association.not_archived': 409,
  'association.logo_too_large': 413,
  'association.logo_type': 415,
  'association.logo_unreadable': 422,
  'privacy.sole_owner': 409,
  /** An upload whose bytes are not a JPEG, PNG, WebP or HEIC photo or a PDF (whatever its name says). */
  'upload.type_not_allowed': 400,
  /** An upload over `UPLOAD_MAX_MB`. */
  'upload.too_large': 413,
  /** A photo whose type was right but whose pixels could not be read (truncated, corrupt, too many pixels). */
  'upload.unreadable': 422,
  /** An unsubscribe link from a digest mail whose signature does not hold (mistyped, cut short, forged). */
  'digest.token_invalid': 400,
  /** A push endpoint that is not https on a public address (in production), so the server would not send to it. */
  'push.endpoint_not_allowed': 400,
  /** A resource that does not exist, or one the reader may not know of (a hidden group's, or withdrawn). */
  'resource.not_found': 404,
  /** An association's resource that is not public, read by someone in none of the association's groups. */
  'resource.members_only': 403,
  /** Marking a withdrawn resource as still correct: it must be published again first. */
  'resource.withdrawn': 409,
  /** Withdrawing a resource already withdrawn, or publishing one already published. */
  'resource.already_in_state': 409,
  /** "Still correct" for rules of a year that has ended: the editor must update the resource (and its year). */
  'resource.valid_year_passed': 409,
  /** Making someone an association editor who is one already. */
  'resource.editor_exists': 409,
  /**
   * A file resource's upload that is not the editor's own, is already on a message or another resource, or is gone
   * (an upload not used within 24 hours is removed): upload the file again.
   */
  'resource.upload_unavailable': 409,
  /** A programme that does not exist, or a draft the reader may not see. */
  'programme.not_found': 404,
  /** Enrolling in a programme that takes no new families. */
  'programme.closed': 409,
  /** A cohort (in an enrolment) that is not this programme's. */
  'programme.cohort_not_found': 404,
  /** A step refers to a group, webinar or resource that does not exist (or that the coordinator may not see). */
  'programme.reference_invalid': 400,
  /** Acting on a step of a programme the person is not enrolled in. */
  'programme.not_enrolled': 409,
  /** Acting while the enrolment is paused, left or finished (or pausing twice, resuming one that runs). */
  'programme.enrolment_not_active': 409,
  /** Marking a step done before it opens. */
  'programme.step_locked': 409,
  /** Marking a step done that counts from the webinars' attendance record. */
  'programme.needs_attendance': 409,
  /** Marking a step done that a coordinator confirms. */
  'programme.coordinator_confirms': 403,
  /** A questionnaire already answered for this phase. */
  'programme.evaluation_given': 409,
  /** A questionnaire whose time has not come (after: once done; follow-up: months later). */
  'programme.evaluation_not_due': 409,
  not_found: 404,
  rate_limited: 429,
  payload_too_large: 413,
  internal: 500,
  'service.unavailable': 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

/** True when the string is one of our stable error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorStatus, code);
}
