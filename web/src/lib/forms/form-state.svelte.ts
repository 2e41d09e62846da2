import { type CountKey, catalogues, type MessageKey } from '@spejl/shared/i18n/index';
import { ApiError } from '../api/client.ts';
import { i18n, t } from '../i18n/i18n.svelte.ts';

type Params = Record<string, string | number>;
/**
 * A message kept as a catalogue key (so it follows a language switch), as counted texts shown one after another
 * ("3 sager er behandlet. 1 sag kunne ikke behandles."), or the server's text for unknown codes.
 */
export type Message =
  | { key: MessageKey; params?: Params }
  | { counted: Array<{ key: CountKey; count: number; params?: Params }> }
  | { text: string };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogues.da, key);
}

/** The message for an API error code: `error.<code>` from the catalogue, else what the server said. */
export function messageForError(error: unknown): Message {
  if (error instanceof ApiError) {
    const key = `error.${error.code}`;
    return isMessageKey(key) ? { key } : { text: error.message };
  }
  return { key: 'error.internal' };
}

type Issue = { path?: unknown };

/** The field names a `validation.failed` answer complains about: `body.password` becomes `password`. */
export function invalidFields(error: ApiError): string[] {
  const details = error.details as { issues?: Issue[] } | undefined;
  if (!details || !Array.isArray(details.issues)) return [];
  return details.issues
    .map((issue) => (typeof issue.path === 'string' ? issue.path.split('.') : []))
    .filter((parts) => parts.length >= 2 && (parts[0] === 'body' || parts[0] === 'query'))
    .map((parts) => parts[1] ?? '');
}

type FormOptions<Field extends string> = {
  fields: readonly Field[];
  /** The message for a field the server rejected as invalid. */
  fieldMessage: (field: Field) => Message;
  /** Error codes that belong to one field, such as `auth.email_taken` to `email`. */
  codeFields?: Partial<Record<string, Field>>;
  /** Clearer wording for a code in this form's context, such as a wrong current password. */
  codeMessages?: Partial<Record<string, Message>>;
};

/** The state of one form: field errors, the summary, a success message and whether it is sending. */
export class FormState<Field extends string> {
  errors = $state<Partial<Record<Field, Message>>>({});
  summary = $state<Message | null>(null);
  success = $state<Message | null>(null);
  sending = $state(false);
  /** Bumped on every failed submit, so the summary is announced again even when the text is the same. */
  attempt = $state(0);

  private readonly options: FormOptions<Field>;

  constructor(options: FormOptions<Field>) {
    this.options = options;
  }

  get hasErrors(): boolean {
    return this.summary !== null || Object.keys(this.errors).length > 0;
  }

  reset(): void {
    this.errors = {};
    this.summary = null;
    this.success = null;
  }

  /** Shows client-side errors. Returns true when there were none. */
  check(errors: Partial<Record<Field, Message>>): boolean {
    this.reset();
    if (Object.keys(errors).length === 0) return true;
    this.errors = errors;
    this.summary = { key: 'form.fixErrors' };
    this.attempt += 1;
    return false;
  }

  /** Turns a failed API call into field errors and a summary. */
  fail(error: unknown): void {
    this.errors = {};
    this.success = null;
    let summary = messageForError(error);
    if (error instanceof ApiError) {
      summary = this.options.codeMessages?.[error.code] ?? summary;
      const field = this.options.codeFields?.[error.code] ?? this.detailField(error);
      if (field) this.errors = { [field]: summary } as Partial<Record<Field, Message>>;
      if (error.code === 'validation.failed') {
        const errors: Partial<Record<Field, Message>> = {};
        for (const name of invalidFields(error)) {
          const known = this.options.fields.find((candidate) => candidate === name);
          if (known) errors[known] = this.options.fieldMessage(known);
        }
        this.errors = errors;
      }
    }
    this.summary = summary;
    this.attempt += 1;
  }

  /** The field an error names in `details.field`, when it is one of this form's. */
  private detailField(error: ApiError): Field | undefined {
    const named = (error.details as { field?: unknown } | undefined)?.field;
    return this.options.fields.find((candidate) => candidate === named);
  }

  /** Runs one submit: clears old messages, marks the form busy, reports failures. Returns the result or null. */
  async submit<T>(action: () => Promise<T>): Promise<T | null> {
    if (this.sending) return null;
    this.sending = true;
    this.reset();
    try {
      return await action();
    } catch (error) {
      this.fail(error);
      return null;
    } finally {
      this.sending = false;
    }
  }
}

/** The text of a message in the current language. */
export function messageText(message: Message): string {
  if ('key' in message) return t(message.key, message.params);
  if ('counted' in message)
    return message.counted.map((part) => i18n.plural(part.key, part.count, part.params)).join(' ');
  return message.text;
}
