import type { ErrorCode } from '@spejl/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/auth.policy.ts';
import {
  changeRefusal,
  createRefusal,
  editableIn,
  fileAudience,
  listedFor,
  type ReaderContext,
  reachOf,
  readRefusal,
  type ResourceAccess,
  resourcePermissionsFor,
} from './resources.policy.ts';

/** TOTP turned on (`enrolled`) and proven in this session (`verified`). */
function actorWith(
  platformRole: 'member' | 'coordinator' | 'admin',
  enrolled: boolean,
  verified = enrolled,
): Actor {
  return {
    user: { id: 'u1', platformRole, totpEnabledAt: enrolled ? new Date() : null },
    session: { id: 's1', userId: 'u1', mfaVerified: verified },
  } as unknown as Actor;
}

// Association A owns the listed group G and the hidden group H; association B owns group O.
const inG = { groupId: 'G', associationId: 'A', kind: 'diagnosis' as const };
const inH = { groupId: 'H', associationId: 'A', kind: 'subgroup' as const };
const inO = { groupId: 'O', associationId: 'B', kind: 'diagnosis' as const };

interface Person {
  actor: Actor | null;
  context: ReaderContext;
}

const people: Record<string, Person> = {
  signedOut: { actor: null, context: { memberships: [], editorOf: [] } },
  admin: { actor: actorWith('admin', true), context: { memberships: [], editorOf: [] } },
  adminWithoutStepUp: { actor: actorWith('admin', true, false), context: { memberships: [], editorOf: [] } },
  associationEditor: { actor: actorWith('member', true), context: { memberships: [], editorOf: ['A'] } },
  associationEditorWithoutTotp: {
    actor: actorWith('member', false),
    context: { memberships: [], editorOf: ['A'] },
  },
  groupOwner: {
    actor: actorWith('member', true),
    context: { memberships: [{ ...inG, role: 'owner' }], editorOf: [] },
  },
  groupOwnerWithoutTotp: {
    actor: actorWith('member', false),
    context: { memberships: [{ ...inG, role: 'owner' }], editorOf: [] },
  },
  member: {
    actor: actorWith('member', false),
    context: {
      memberships: [
        { ...inG, role: 'member' },
        { ...inH, role: 'member' },
      ],
      editorOf: [],
    },
  },
  nonMember: {
    actor: actorWith('member', true),
    context: { memberships: [{ ...inO, role: 'owner' }], editorOf: [] },
  },
  // A mentorship conversation is no group of an association, even with the association's id on it.
  conversationOnly: {
    actor: actorWith('member', false),
    context: {
      memberships: [{ groupId: 'M', associationId: 'A', kind: 'mentorship', role: 'member' }],
      editorOf: [],
    },
  },
};

const listedGroup = { visibility: 'listed' as const, kind: 'diagnosis' as const };
const hiddenGroup = { visibility: 'hidden' as const, kind: 'subgroup' as const };
const base = { associationId: null, groupId: null, public: false, status: 'published' as const, group: null };

const resources: Record<string, ResourceAccess> = {
  platformPublic: { ...base, scope: 'platform', public: true },
  platformMembers: { ...base, scope: 'platform' },
  associationPublic: { ...base, scope: 'association', associationId: 'A', public: true },
  associationMembers: { ...base, scope: 'association', associationId: 'A' },
  listedGroup: { ...base, scope: 'group', groupId: 'G', group: listedGroup },
  hiddenGroup: { ...base, scope: 'group', groupId: 'H', group: hiddenGroup },
  withdrawnPlatform: { ...base, scope: 'platform', public: true, status: 'withdrawn' },
  withdrawnAssociation: { ...base, scope: 'association', associationId: 'A', status: 'withdrawn' },
  withdrawnGroup: { ...base, scope: 'group', groupId: 'G', group: listedGroup, status: 'withdrawn' },
};

type Expectations = Record<string, Record<string, ErrorCode | null>>;

const read: Expectations = {
  platformPublic: {
    signedOut: null,
    admin: null,
    adminWithoutStepUp: null,
    associationEditor: null,
    groupOwner: null,
    member: null,
    nonMember: null,
  },
  platformMembers: { signedOut: 'auth.required', admin: null, member: null, nonMember: null },
  associationPublic: { signedOut: null, member: null, nonMember: null, conversationOnly: null },
  associationMembers: {
    signedOut: 'auth.required',
    admin: null,
    adminWithoutStepUp: 'resource.members_only',
    associationEditor: null,
    associationEditorWithoutTotp: null,
    groupOwner: null,
    member: null,
    nonMember: 'resource.members_only',
    conversationOnly: 'resource.members_only',
  },
  listedGroup: {
    signedOut: 'auth.required',
    admin: null,
    associationEditor: 'group.not_member',
    groupOwner: null,
    member: null,
    nonMember: 'group.not_member',
  },
  hiddenGroup: {
    signedOut: 'auth.required',
    admin: null,
    adminWithoutStepUp: 'resource.not_found',
    associationEditor: 'resource.not_found',
    groupOwner: 'resource.not_found',
    member: null,
    nonMember: 'resource.not_found',
  },
  withdrawnPlatform: {
    signedOut: 'auth.required',
    admin: null,
    adminWithoutStepUp: 'resource.not_found',
    associationEditor: 'resource.not_found',
    member: 'resource.not_found',
  },
  withdrawnAssociation: {
    admin: null,
    associationEditor: null,
    associationEditorWithoutTotp: 'resource.not_found',
    groupOwner: 'resource.not_found',
    member: 'resource.not_found',
  },
  withdrawnGroup: {
    admin: null,
    groupOwner: null,
    groupOwnerWithoutTotp: 'resource.not_found',
    associationEditor: 'resource.not_found',
    member: 'resource.not_found',
  },
};

const change: Expectations = {
  platformMembers: {
    admin: null,
    adminWithoutStepUp: 'auth.mfa_step_up_required',
    associationEditor: 'auth.forbidden',
    groupOwner: 'auth.forbidden',
    member: 'auth.forbidden',
  },
  associationMembers: {
    admin: null,
    associationEditor: null,
    associationEditorWithoutTotp: 'auth.mfa_enrolment_required',
    groupOwner: 'auth.forbidden',
    member: 'auth.forbidden',
    nonMember: 'resource.members_only',
  },
  associationPublic: { associationEditor: null, nonMember: 'auth.forbidden' },
  listedGroup: {
    admin: null,
    groupOwner: null,
    groupOwnerWithoutTotp: 'auth.mfa_enrolment_required',
    member: 'auth.forbidden',
    associationEditor: 'group.not_member',
    nonMember: 'group.not_member',
  },
  hiddenGroup: { admin: null, member: 'auth.forbidden', nonMember: 'resource.not_found' },
  withdrawnGroup: { groupOwner: null, member: 'resource.not_found' },
};

describe('who reads a resource', () => {
  for (const [resourceName, expected] of Object.entries(read))
    for (const [personName, code] of Object.entries(expected))
      it(`${resourceName}: ${personName} → ${code ?? 'reads'}`, () => {
        const person = people[personName]!;
        expect(readRefusal(person.actor, resources[resourceName]!, person.context)).toBe(code);
      });
});

describe('who changes a resource', () => {
  for (const [resourceName, expected] of Object.entries(change))
    for (const [personName, code] of Object.entries(expected))
      it(`${resourceName}: ${personName} → ${code ?? 'changes'}`, () => {
        const person = people[personName]!;
        expect(changeRefusal(person.actor!, resources[resourceName]!, person.context)).toBe(code);
      });

  it('sends permissions that agree with the refusals', () => {
    for (const person of Object.values(people))
      for (const resource of Object.values(resources)) {
        const permissions = resourcePermissionsFor(person.actor, resource, person.context);
        const allowed =
          person.actor !== null && changeRefusal(person.actor, resource, person.context) === null;
        expect(permissions.canEdit).toBe(allowed);
        expect(permissions.canDelete).toBe(allowed);
        expect(permissions.canWithdraw).toBe(allowed && resource.status === 'published');
      }
  });
});

describe('who has a resource’s file', () => {
  it('gives the file to exactly the resource’s readers, public only where anyone reads it', () => {
    for (const person of Object.values(people))
      for (const [resourceName, resource] of Object.entries(resources)) {
        const audience = fileAudience(person.actor, resource, person.context);
        const reads = readRefusal(person.actor, resource, person.context) === null;
        expect(audience !== null, resourceName).toBe(reads);
        const forEveryone = resource.public && resource.status === 'published' && resource.scope !== 'group';
        if (reads) expect(audience, resourceName).toBe(forEveryone ? 'public' : 'private');
      }
  });

  it('keeps a withdrawn public resource’s file from readers and from caches', () => {
    const withdrawn: ResourceAccess = { ...resources.associationPublic!, status: 'withdrawn' };
    expect(fileAudience(null, withdrawn, people.signedOut!.context)).toBeNull();
    expect(fileAudience(people.member!.actor, withdrawn, people.member!.context)).toBeNull();
    expect(fileAudience(people.associationEditor!.actor, withdrawn, people.associationEditor!.context)).toBe(
      'private',
    );
  });
});

describe('who creates a resource', () => {
  const scopes = {
    platform: { scope: 'platform' as const, associationId: null, groupId: null, group: null },
    association: { scope: 'association' as const, associationId: 'A', groupId: null, group: null },
    group: { scope: 'group' as const, associationId: null, groupId: 'G', group: listedGroup },
    hidden: { scope: 'group' as const, associationId: null, groupId: 'H', group: hiddenGroup },
    conversation: {
      scope: 'group' as const,
      associationId: null,
      groupId: 'M',
      group: { visibility: 'hidden' as const, kind: 'mentorship' as const },
    },
  };
  const expected: Record<string, Partial<Record<keyof typeof scopes, ErrorCode | null>>> = {
    admin: { platform: null, association: null, group: null, hidden: null, conversation: 'not_found' },
    adminWithoutStepUp: { platform: 'auth.mfa_step_up_required', hidden: 'not_found' },
    associationEditor: {
      platform: 'auth.forbidden',
      association: null,
      group: 'auth.forbidden',
      hidden: 'not_found',
    },
    groupOwner: {
      platform: 'auth.forbidden',
      association: 'auth.forbidden',
      group: null,
      hidden: 'not_found',
    },
    groupOwnerWithoutTotp: { group: 'auth.mfa_enrolment_required' },
    member: { group: 'auth.forbidden', hidden: 'auth.forbidden' },
    conversationOnly: { conversation: 'not_found' },
  };
  for (const [personName, byScope] of Object.entries(expected))
    for (const [scopeName, code] of Object.entries(byScope))
      it(`${personName} in ${scopeName} → ${code ?? 'creates'}`, () => {
        const person = people[personName]!;
        expect(createRefusal(person.actor!, scopes[scopeName as keyof typeof scopes], person.context)).toBe(
          code,
        );
      });
});

describe('what lists and the review queue select', () => {
  it('lists exactly what each person may read, and queues exactly what they may edit', () => {
    for (const [personName, person] of Object.entries(people)) {
      const reach = reachOf(person.actor, person.context);
      for (const [resourceName, resource] of Object.entries(resources)) {
        const label = `${personName} ${resourceName}`;
        const readable = readRefusal(person.actor, resource, person.context) === null;
        expect(listedFor(reach, resource, editableIn(reach, resource)), label).toBe(readable);
        if (person.actor && resource.status === 'published')
          expect(editableIn(reach, resource), label).toBe(
            changeRefusal(person.actor, resource, person.context) === null,
          );
      }
    }
  });
});
