import type { RegistrationQuestion, WebinarMode } from '@spejl/shared';
import { FormState } from '../forms/form-state.svelte.ts';

export const eventFormFields = [
  'target',
  'title',
  'description',
  'speakers',
  'date',
  'time',
  'duration',
  'mode',
  'location',
  'capacity',
  'deadline',
  'questions',
  'recordingUrl',
  'materials',
] as const;
export type EventFormField = (typeof eventFormFields)[number];

/** The form state for creating or editing an event. */
export function newEventForm(): FormState<EventFormField> {
  return new FormState<EventFormField>({
    fields: eventFormFields,
    fieldMessage: () => ({ key: 'eventForm.invalid' }),
  });
}

/** The body the API takes, built from the form; times are written in Danish time and sent in UTC. */
export type EventFormValues = {
  target?: { groupId?: string; organisationId?: string };
  title: string;
  description: string;
  speakers: string;
  startsAt: string;
  durationMinutes: number;
  mode: WebinarMode;
  location: string | null;
  capacity: number | null;
  registrationDeadline: string | null;
  questions: RegistrationQuestion[];
  recordingUrl?: string | null;
  materials?: string;
};
