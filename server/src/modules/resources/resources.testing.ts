import type { CreateResourceBody } from '@spejl/shared';
import { expect } from 'vitest';
import { type Client, enableTotp, signUp, type TestApp } from '../../testing/app.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

let counter = 0;

/** A resource body with sensible defaults: a public platform article for families. */
export function resourceBody(overrides: Partial<CreateResourceBody> = {}): CreateResourceBody {
  counter += 1;
  return {
    kind: 'article',
    title: `Vejledning nummer ${counter}`,
    summary: 'Kort fortalt: hvad reglen er, og hvor I kan spørge.',
    topic: 'rights_and_benefits',
    audiences: ['families'],
    scope: { type: 'platform' },
    public: true,
    body: '## Sådan gør I\nSpørg kommunen.',
    sources: [{ title: 'borger.dk', url: 'https://www.borger.dk' }],
    ...overrides,
  } as CreateResourceBody;
}

/** Creates a resource as this editor and returns what the API answered. */
export async function createResource(
  editor: { client: Client },
  overrides: Partial<CreateResourceBody> = {},
) {
  const response = await editor.client.post('/api/resources', resourceBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; title: string; reviewedOn: string; reviewDueOn: string };
}

/** An association made by the admin, with a listed and a hidden group in it. */
export async function associationWithGroups(admin: Person, name: string) {
  const association = await admin.client.post('/api/admin/associations', { name });
  expect(association.statusCode, association.body).toBe(201);
  const associationId = association.json().id as string;
  const group = async (visibility: 'listed' | 'hidden', kind: 'diagnosis' | 'network' = 'diagnosis') => {
    counter += 1;
    const response = await admin.client.post('/api/groups', {
      name: `${name} ${visibility} ${counter}`,
      slug: `gruppe-${counter}-${Date.now()}`,
      kind,
      visibility,
      joinPolicy: 'request',
      associationId,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().group.id as string;
  };
  return { associationId, listedGroupId: await group('listed'), hiddenGroupId: await group('hidden'), group };
}

/** Adds people to a group with a role, as the admin. */
export async function addToGroup(
  admin: Person,
  groupId: string,
  person: Person,
  role: 'member' | 'owner' = 'member',
) {
  const response = await admin.client.post(`/api/groups/${groupId}/members`, {
    email: person.user.email,
    role,
  });
  expect(response.statusCode, response.body).toBe(201);
}

/** A person with TOTP turned on, as every editor needs. */
export async function signUpWithTotp(t: TestApp, displayName: string) {
  const person = await signUp(t.app, { displayName });
  await enableTotp(person.client, t.clock);
  return person;
}
