import { limits } from '@spejl/shared/limits';
import { imitatesRole, isVisibleText } from '@spejl/shared/text';
import type { Message } from './form-state.svelte.ts';

// The server is the authority (it validates with the zod schemas in @spejl/shared); these checks only spare a
// round trip and give the same translated messages the server's answer would map to.

/** Loose on purpose: one @, something on both sides and a dot in the domain. */
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailMessage(): Message {
  return { key: 'form.invalidEmail' };
}

export function checkEmail(value: string): Message | null {
  if (value.trim() === '') return { key: 'form.requiredEmail' };
  return emailShape.test(value.trim()) && value.length <= limits.email ? null : emailMessage();
}

export function passwordMessage(): Message {
  return { key: 'form.passwordLength', params: { min: limits.passwordMin, max: limits.passwordMax } };
}

/** A new password: the length rule. Whether it is too common, only the server knows. */
export function checkNewPassword(value: string): Message | null {
  if (value === '') return { key: 'form.requiredPassword' };
  return value.length < limits.passwordMin || value.length > limits.passwordMax ? passwordMessage() : null;
}

/** A password to check against the stored one: only that it is filled in. */
export function checkExistingPassword(value: string): Message | null {
  return value === '' ? { key: 'form.requiredPassword' } : null;
}

/** The server's refusal of a name, whichever rule it broke: all the rules in one sentence. */
export function displayNameMessage(): Message {
  return { key: 'form.displayNameRules', params: { max: limits.displayNameMax } };
}

/** A name others see (display name, name in a group): the same rules as the server's `personName`. */
export function checkName(value: string): Message | null {
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length > limits.displayNameMax)
    return { key: 'form.displayNameLength', params: { max: limits.displayNameMax } };
  if (!isVisibleText(trimmed)) return { key: 'form.displayNameInvisible' };
  if (imitatesRole(trimmed)) return { key: 'form.displayNameRoleWord' };
  return null;
}

export function checkDisplayName(value: string): Message | null {
  if (value.trim() === '') return { key: 'form.requiredDisplayName' };
  return checkName(value);
}

export function totpMessage(): Message {
  return { key: 'form.totpFormat', params: { digits: limits.totpCode } };
}

/** Spaces are allowed while typing (apps show "123 456"); they are removed before sending. */
export function normaliseTotp(value: string): string {
  return value.replace(/\s+/g, '');
}

export function checkTotp(value: string): Message | null {
  return /^\d{6}$/.test(normaliseTotp(value)) ? null : totpMessage();
}
