import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '../i18n/i18n.svelte.ts';
import ResourceForm from './ResourceForm.svelte';
import type { ScopeOption } from './scope-options.ts';

const scopes: ScopeOption[] = [
  { value: 'association:a1', label: 'Foreningen CF', scope: { type: 'association', id: 'a1' } },
  { value: 'group:g1', label: 'Gruppen Bedsteforældre', scope: { type: 'group', id: 'g1' } },
];
let calls: Array<{ url: string; body: unknown }>;
/** What `POST /api/uploads` received and will answer, through a stand-in for the browser's XMLHttpRequest. */
const uploads: {
  sent: Array<{ url: string; file: File | null }>;
  answer: { status: number; body: unknown };
} = {
  sent: [],
  answer: { status: 201, body: {} },
};

class FakeXhr {
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  responseType = '';
  responseText = '';
  status = 0;
  statusText = '';
  private url = '';
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  abort() {
    this.onabort?.();
  }
  send(body: FormData) {
    const file = body.get('file');
    uploads.sent.push({ url: this.url, file: file instanceof File ? file : null });
    queueMicrotask(() => {
      this.status = uploads.answer.status;
      this.responseText = JSON.stringify(uploads.answer.body);
      this.onload?.();
    });
  }
}
let answer: { status: number; body: unknown };

beforeEach(() => {
  calls = [];
  answer = { status: 201, body: { id: 'new1' } };
  uploads.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, body: init.body ? JSON.parse(String(init.body)) : null });
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('the resource form', () => {
  it('previews the Markdown with the pages’ renderer as it is typed', async () => {
    const user = userEvent.setup();
    render(ResourceForm, { scopes, cancelHref: '/knowledge', onsaved: () => {} });
    const preview = screen.getByRole('region', { name: t('resources.form.preview') });
    expect(within(preview).getByText(t('resources.form.previewEmpty'))).toBeTruthy();
    await user.type(
      screen.getByLabelText(t('resources.form.body')),
      '## Sådan søger I{Enter}- Skriv til kommunen',
    );
    expect(within(preview).getByRole('heading', { level: 2, name: 'Sådan søger I' })).toBeTruthy();
    expect(within(preview).getByRole('listitem').textContent).toBe('Skriv til kommunen');
  });

  it('offers only the scopes given, and a group’s text cannot be public', async () => {
    const user = userEvent.setup();
    render(ResourceForm, { scopes, cancelHref: '/knowledge', onsaved: () => {} });
    const scope = screen.getByLabelText(t('resources.form.scope')) as HTMLSelectElement;
    expect([...scope.options].map((option) => option.textContent)).toEqual([
      'Foreningen CF',
      'Gruppen Bedsteforældre',
    ]);
    expect(screen.getByLabelText(t('resources.form.public'))).toBeTruthy();
    await user.selectOptions(scope, 'Gruppen Bedsteforældre');
    expect(screen.queryByLabelText(t('resources.form.public'))).toBeNull();
    expect(screen.getByText(t('resources.form.publicGroup'))).toBeTruthy();
  });

  it('shows the server’s refusal of a field beside it and in the summary', async () => {
    answer = {
      status: 400,
      body: {
        error: { code: 'validation.failed', message: 'x', details: { issues: [{ path: 'body.url' }] } },
      },
    };
    const user = userEvent.setup();
    const onsaved = vi.fn();
    render(ResourceForm, { scopes, cancelHref: '/knowledge', onsaved });
    await user.click(screen.getByLabelText(t('resources.form.kind.link')));
    await user.type(screen.getByLabelText(t('resources.form.title')), 'Sundhedsstyrelsen');
    await user.type(screen.getByLabelText(t('resources.form.summary')), 'Om sjældne sygdomme.');
    await user.type(screen.getByLabelText(t('resources.form.url')), 'https://www.sst.dk/x');
    await user.click(screen.getByRole('button', { name: t('resources.form.create') }));
    expect(calls[0]?.url).toBe('/api/resources');
    expect(calls[0]?.body).toMatchObject({
      kind: 'link',
      url: 'https://www.sst.dk/x',
      scope: { type: 'association', id: 'a1' },
      audiences: ['families'],
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(t('resources.form.invalid.url'));
    expect(screen.getByLabelText(t('resources.form.url')).getAttribute('aria-invalid')).toBe('true');
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('makes a file resource: uploads the chosen PDF, shows its type and size, and sends its id', async () => {
    const user = userEvent.setup();
    const onsaved = vi.fn();
    render(ResourceForm, { scopes, cancelHref: '/knowledge', onsaved });
    await user.click(screen.getByLabelText(t('resources.form.kind.file')));
    expect(screen.queryByLabelText(t('resources.form.body'))).toBeNull();
    expect(screen.queryByLabelText(t('resources.form.url'))).toBeNull();
    const input = screen.getByLabelText(t('resources.form.file')) as HTMLInputElement;
    expect(input.accept).toContain('application/pdf');
    expect(input.accept).toContain('image/jpeg');
    expect(input.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText(t('resources.form.fileHelp', { max: 20 }))).toBeTruthy();
    await user.type(screen.getByLabelText(t('resources.form.title')), 'Foreningens folder');
    await user.type(screen.getByLabelText(t('resources.form.summary')), 'Folderen til nye familier.');

    // Publishing before a file is chosen says what is missing, beside the field.
    await user.click(screen.getByRole('button', { name: t('resources.form.create') }));
    expect(calls).toEqual([]);
    expect(screen.getAllByText(t('resources.form.invalid.file')).length).toBeGreaterThan(0);

    uploads.answer = {
      status: 201,
      body: {
        upload: {
          id: 'up1',
          kind: 'pdf',
          mime: 'application/pdf',
          size: 1.2 * 1024 * 1024,
          width: null,
          height: null,
          name: 'folder.pdf',
        },
      },
    };
    await user.upload(input, new File(['%PDF-1.4'], 'folder.pdf', { type: 'application/pdf' }));
    expect(uploads.sent.map((sent) => sent.url)).toEqual(['/api/uploads']);
    expect(uploads.sent[0]?.file?.name).toBe('folder.pdf');
    expect(
      await screen.findByText(
        t('resources.form.fileReady', { name: 'folder.pdf', type: 'PDF', size: '1,2 MB' }),
      ),
    ).toBeTruthy();

    await user.click(screen.getByRole('button', { name: t('resources.form.create') }));
    expect(calls[0]?.url).toBe('/api/resources');
    expect(calls[0]?.body).toMatchObject({ kind: 'file', fileId: 'up1', title: 'Foreningens folder' });
    expect(calls[0]?.body).not.toHaveProperty('body');
    expect(calls[0]?.body).not.toHaveProperty('url');
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
  });

  it('says in words why the server refused the file, beside the field and in the summary', async () => {
    const user = userEvent.setup();
    render(ResourceForm, { scopes, cancelHref: '/knowledge', onsaved: () => {} });
    await user.click(screen.getByLabelText(t('resources.form.kind.file')));
    const input = screen.getByLabelText(t('resources.form.file')) as HTMLInputElement;
    uploads.answer = { status: 413, body: { error: { code: 'upload.too_large', message: 'x' } } };
    await user.upload(input, new File(['x'], 'stor.pdf', { type: 'application/pdf' }));
    expect((await screen.findByRole('alert')).textContent).toContain(t('error.upload.too_large'));
    expect(input.getAttribute('aria-invalid')).toBe('true');

    // An upload the server will not bind (someone else's, or already used) is named the same way.
    uploads.answer = {
      status: 201,
      body: {
        upload: {
          id: 'up2',
          kind: 'image',
          mime: 'image/jpeg',
          size: 2048,
          width: 10,
          height: 10,
          name: 'plakat.jpg',
        },
      },
    };
    await user.upload(input, new File(['x'], 'plakat.jpg', { type: 'image/jpeg' }));
    await screen.findByText(
      t('resources.form.fileReady', { name: 'plakat.jpg', type: t('resources.file.image'), size: '2 kB' }),
    );
    await user.type(screen.getByLabelText(t('resources.form.title')), 'Plakat');
    await user.type(screen.getByLabelText(t('resources.form.summary')), 'Plakaten til opslagstavlen.');
    answer = { status: 409, body: { error: { code: 'resource.upload_unavailable', message: 'x' } } };
    await user.click(screen.getByRole('button', { name: t('resources.form.create') }));
    await vi.waitFor(() =>
      expect(screen.getAllByText(t('error.resource.upload_unavailable')).length).toBe(2),
    );
  });
});
