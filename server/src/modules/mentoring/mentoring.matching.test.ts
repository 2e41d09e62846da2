import {
  defaultMatchingWeights,
  matchingCriteria,
  mentoringTopics,
  regions,
} from '@spejl/shared/mentoring-values';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignBatch,
  declineKey,
  exclusionReasonsFor,
  lifeStageOf,
  type MatchingContext,
  type MentorFacts,
  pairKey,
  rankCandidates,
  type RequestFacts,
  regionDistance,
  scoreFor,
} from './mentoring.matching.ts';

const groupIds = ['g-cf', 'g-cf-parents', 'g-haemo', 'g-pku'];
const areaOf: Record<string, string> = {
  'g-cf': 'a-cf',
  'g-cf-parents': 'a-cf',
  'g-haemo': 'a-haemo',
  'g-pku': 'a-pku',
};
const languages = ['da', 'en', 'ar'];

function mentor(overrides: Partial<MentorFacts> = {}): MentorFacts {
  return {
    userId: 'm1',
    approved: true,
    paused: false,
    capacity: 2,
    load: 0,
    groupIds: ['g-cf'],
    areaIds: ['a-cf'],
    childAgeYears: 6,
    region: 'midtjylland',
    languages: ['da'],
    topics: ['daily_life', 'school'],
    gender: 'female',
    ...overrides,
  };
}

function request(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    id: 'r1',
    requesterId: 'family',
    groupId: 'g-cf',
    areaId: 'a-cf',
    childAgeYears: 5,
    region: 'midtjylland',
    languages: ['da'],
    topics: ['daily_life', 'school'],
    inPerson: false,
    sameDiagnosisRequired: false,
    mentorGender: null,
    waitingDays: 0,
    ...overrides,
  };
}

const context = (overrides: Partial<MatchingContext> = {}): MatchingContext => ({
  weights: defaultMatchingWeights,
  blocked: new Set(),
  declined: new Set(),
  ...overrides,
});

// Generators for small random worlds.
const subset = <T>(values: readonly T[], min = 0) =>
  fc.subarray([...values], { minLength: min }).map((list) => list as T[]);
const regionArb = fc.constantFrom(...regions);
const mentorGroupsArb = subset(groupIds);

const mentorArb = (userId: string) =>
  fc
    .record({
      approved: fc.boolean(),
      paused: fc.boolean(),
      capacity: fc.integer({ min: 0, max: 3 }),
      load: fc.integer({ min: 0, max: 3 }),
      groupIds: mentorGroupsArb,
      childAgeYears: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      region: regionArb,
      languages: subset(languages, 1),
      topics: subset(mentoringTopics),
      gender: fc.option(fc.constantFrom('female', 'male', 'other') as fc.Arbitrary<MentorFacts['gender']>, {
        nil: null,
      }),
    })
    .map(
      (facts): MentorFacts => ({
        userId,
        ...facts,
        areaIds: [...new Set(facts.groupIds.map((id) => areaOf[id]!))],
      }),
    );

const requestArb = (id: string, requesterId: string) =>
  fc
    .record({
      groupId: fc.option(fc.constantFrom(...groupIds), { nil: null }),
      childAgeYears: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      region: regionArb,
      languages: subset(languages, 1),
      topics: subset(mentoringTopics),
      inPerson: fc.boolean(),
      sameDiagnosisRequired: fc.boolean(),
      mentorGender: fc.option(fc.constantFrom('female', 'male') as fc.Arbitrary<'female' | 'male'>, {
        nil: null,
      }),
      waitingDays: fc.integer({ min: 0, max: 40 }),
    })
    .map(
      (facts): RequestFacts => ({
        id,
        requesterId,
        ...facts,
        areaId: facts.groupId === null ? null : areaOf[facts.groupId]!,
      }),
    );

const weightsArb = fc.record(
  Object.fromEntries(matchingCriteria.map((criterion) => [criterion, fc.integer({ min: 0, max: 100 })])) as {
    [K in (typeof matchingCriteria)[number]]: fc.Arbitrary<number>;
  },
);

/** A small world: requests, mentors (some of whom also asked for help), blocks and earlier declines. */
const worldArb = (maxRequests: number, maxMentors: number) =>
  fc
    .record({
      requestCount: fc.integer({ min: 0, max: maxRequests }),
      mentorCount: fc.integer({ min: 0, max: maxMentors }),
      seed: fc.integer(),
    })
    .chain(({ requestCount, mentorCount }) =>
      fc.record({
        requests: fc.tuple(
          ...Array.from({ length: requestCount }, (_, index) =>
            requestArb(`r${index}`, index % 3 === 2 ? 'm0' : `family${index}`),
          ),
        ),
        mentors: fc.tuple(...Array.from({ length: mentorCount }, (_, index) => mentorArb(`m${index}`))),
        blockedPairs: fc.array(
          fc.tuple(
            fc.constantFrom(...Array.from({ length: Math.max(requestCount, 1) }, (_, i) => `family${i}`)),
            fc.constantFrom(...Array.from({ length: Math.max(mentorCount, 1) }, (_, i) => `m${i}`)),
          ),
          { maxLength: 3 },
        ),
        declinedPairs: fc.array(
          fc.tuple(
            fc.constantFrom(...Array.from({ length: Math.max(requestCount, 1) }, (_, i) => `r${i}`)),
            fc.constantFrom(...Array.from({ length: Math.max(mentorCount, 1) }, (_, i) => `m${i}`)),
          ),
          { maxLength: 3 },
        ),
        weights: weightsArb,
      }),
    )
    .map(({ requests, mentors, blockedPairs, declinedPairs, weights }) => ({
      requests: requests as RequestFacts[],
      mentors: mentors as MentorFacts[],
      context: context({
        weights,
        blocked: new Set(blockedPairs.map(([a, b]) => pairKey(a, b))),
        declined: new Set(declinedPairs.map(([r, m]) => declineKey(r, m))),
      }),
    }));

/** The hard filters written out independently of the engine, as the issue states them. */
function allowedByHand(r: RequestFacts, m: MentorFacts, c: MatchingContext): boolean {
  return (
    m.userId !== r.requesterId &&
    m.approved &&
    !m.paused &&
    m.load < m.capacity &&
    r.languages.some((language) => m.languages.includes(language)) &&
    !c.blocked.has(pairKey(r.requesterId, m.userId)) &&
    (!r.sameDiagnosisRequired || (r.groupId !== null && m.groupIds.includes(r.groupId))) &&
    (!r.inPerson || regionDistance(r.region, m.region) <= 1) &&
    (r.mentorGender === null || m.gender === r.mentorGender) &&
    !c.declined.has(declineKey(r.id, m.userId))
  );
}

const tenths = (score: number) => Math.round(score * 10);

/** Every possible assignment, by brute force: the best (count, total) and the best total. */
function bruteForce(requests: RequestFacts[], mentors: MentorFacts[], c: MatchingContext) {
  const options = requests.map((r) =>
    mentors
      .map((m, index) => ({ index, allowed: allowedByHand(r, m, c) }))
      .filter((option) => option.allowed)
      .map((option) => option.index),
  );
  const free = mentors.map((m) => Math.max(0, m.capacity - m.load));
  let bestCount = { count: 0, total: 0 };
  let bestTotal = 0;
  const walk = (position: number, count: number, total: number) => {
    if (position === requests.length) {
      if (count > bestCount.count || (count === bestCount.count && total > bestCount.total))
        bestCount = { count, total };
      bestTotal = Math.max(bestTotal, total);
      return;
    }
    walk(position + 1, count, total);
    for (const m of options[position]!) {
      if (free[m]! === 0) continue;
      free[m]! -= 1;
      const score = tenths(scoreFor(requests[position]!, mentors[m]!, c.weights).score);
      walk(position + 1, count + 1, total + score);
      free[m]! += 1;
    }
  };
  walk(0, 0, 0);
  return { bestCount, bestTotal };
}

describe('regions and life stages', () => {
  it('has a symmetric distance table with zero only on the diagonal', () => {
    for (const a of regions)
      for (const b of regions) {
        expect(regionDistance(a, b)).toBe(regionDistance(b, a));
        expect(regionDistance(a, b) === 0).toBe(a === b);
      }
    expect(regionDistance('hovedstaden', 'sjaelland')).toBe(1);
    expect(regionDistance('nordjylland', 'hovedstaden')).toBe(3);
  });

  it('puts ages in life stages', () => {
    expect([0, 2, 3, 5, 6, 12, 13, 17, 18, 40].map(lifeStageOf)).toEqual([
      'baby',
      'baby',
      'preschool',
      'preschool',
      'school',
      'school',
      'teen',
      'teen',
      'adult',
      'adult',
    ]);
  });
});

describe('hard filters', () => {
  it('names every reason a mentor is left out', () => {
    const reasons = exclusionReasonsFor(
      request({ inPerson: true, sameDiagnosisRequired: true, mentorGender: 'male', languages: ['ar'] }),
      mentor({
        userId: 'family',
        approved: false,
        paused: true,
        capacity: 1,
        load: 1,
        groupIds: ['g-haemo'],
        region: 'hovedstaden',
      }),
      context({
        blocked: new Set([pairKey('family', 'family')]),
        declined: new Set([declineKey('r1', 'family')]),
      }),
    );
    expect(reasons).toEqual([
      'is_requester',
      'not_approved',
      'paused',
      'no_capacity',
      'no_shared_language',
      'blocked',
      'not_same_diagnosis',
      'too_far',
      'gender',
      'declined_before',
    ]);
  });

  it('lets a neighbouring region through for meeting in person, but not two steps away', () => {
    const near = exclusionReasonsFor(
      request({ inPerson: true }),
      mentor({ region: 'syddanmark' }),
      context(),
    );
    const far = exclusionReasonsFor(request({ inPerson: true }), mentor({ region: 'sjaelland' }), context());
    expect(near).toEqual([]);
    expect(far).toEqual(['too_far']);
  });

  it('blocks a pair whichever side asked not to be matched again', () => {
    const blocked = context({ blocked: new Set([pairKey('m1', 'family')]) });
    expect(exclusionReasonsFor(request(), mentor(), blocked)).toEqual(['blocked']);
  });
});

describe('the score', () => {
  it('ranks same diagnosis above same association above shared topics only', () => {
    const sameDiagnosis = scoreFor(
      request(),
      mentor({ groupIds: ['g-cf'], topics: [] }),
      defaultMatchingWeights,
    );
    const sameArea = scoreFor(
      request(),
      mentor({ groupIds: ['g-cf-parents'], topics: [] }),
      defaultMatchingWeights,
    );
    const topicsOnly = scoreFor(
      request(),
      mentor({ groupIds: ['g-pku'], areaIds: ['a-pku'] }),
      defaultMatchingWeights,
    );
    expect(sameDiagnosis.score).toBeGreaterThan(sameArea.score);
    expect(sameArea.score).toBeGreaterThan(topicsOnly.score);
  });

  it('explains every criterion, and the points add up to the score', () => {
    const { score, breakdown } = scoreFor(
      request({ waitingDays: 7, region: 'syddanmark', topics: ['school', 'grief'] }),
      mentor({ load: 1, capacity: 2 }),
      defaultMatchingWeights,
    );
    expect(breakdown.map((item) => item.criterion)).toEqual(matchingCriteria);
    const points = Object.fromEntries(breakdown.map((item) => [item.criterion, item.points]));
    expect(points).toEqual({
      diagnosis: 40,
      area: 0,
      topics: 7.5,
      childAge: 8.8,
      lifeStage: 0,
      region: 6.7,
      waitTime: 2.5,
      load: -5,
    });
    expect(score).toBe(60.5);
    expect(breakdown.find((item) => item.criterion === 'topics')?.params).toEqual({
      state: 'shared',
      shared: 1,
      asked: 2,
    });
    expect(breakdown.find((item) => item.criterion === 'region')?.params).toEqual({
      state: 'near',
      distance: 1,
    });
  });

  it('follows the weights an administrator sets', () => {
    const weights = { ...defaultMatchingWeights, diagnosis: 0, region: 100 };
    const near = scoreFor(request(), mentor({ groupIds: [], areaIds: [] }), weights);
    const sameDiagnosisFar = scoreFor(request(), mentor({ region: 'hovedstaden' }), weights);
    expect(near.score).toBeGreaterThan(sameDiagnosisFar.score);
  });
});

describe('ranked candidates (properties)', () => {
  it('puts every mentor in exactly one list, candidates pass every hard filter and are ranked', () => {
    fc.assert(
      fc.property(worldArb(1, 6), requestArb('r0', 'family0'), ({ mentors, context: c }, r) => {
        const { candidates, excluded } = rankCandidates(r, mentors, c);
        const ids = [...candidates.map((x) => x.mentorUserId), ...excluded.map((x) => x.mentorUserId)];
        expect(ids.sort()).toEqual(mentors.map((m) => m.userId).sort());
        for (const candidate of candidates) {
          const m = mentors.find((x) => x.userId === candidate.mentorUserId)!;
          expect(allowedByHand(r, m, c)).toBe(true);
          const sum = candidate.breakdown.reduce((total, item) => total + item.points, 0);
          expect(candidate.score).toBeCloseTo(sum, 6);
        }
        for (const left of excluded) {
          const m = mentors.find((x) => x.userId === left.mentorUserId)!;
          expect(left.reasons.length).toBeGreaterThan(0);
          expect(allowedByHand(r, m, c)).toBe(false);
        }
        for (let index = 1; index < candidates.length; index += 1)
          expect(candidates[index - 1]!.score).toBeGreaterThanOrEqual(candidates[index]!.score);
      }),
      { numRuns: 300 },
    );
  });
});

describe('batch assignment (properties)', () => {
  it('never exceeds a mentor’s free capacity and never assigns a pair the hard filters forbid', () => {
    fc.assert(
      fc.property(worldArb(8, 5), fc.constantFrom('max_matches', 'best_quality' as const), (world, mode) => {
        const { assignments, unassigned } = assignBatch(world.requests, world.mentors, world.context, mode);
        const perMentor = new Map<string, number>();
        for (const assignment of assignments) {
          const r = world.requests.find((x) => x.id === assignment.requestId)!;
          const m = world.mentors.find((x) => x.userId === assignment.mentorUserId)!;
          expect(allowedByHand(r, m, world.context)).toBe(true);
          expect(assignment.score).toBe(scoreFor(r, m, world.context.weights).score);
          perMentor.set(m.userId, (perMentor.get(m.userId) ?? 0) + 1);
        }
        for (const m of world.mentors)
          expect(perMentor.get(m.userId) ?? 0).toBeLessThanOrEqual(Math.max(0, m.capacity - m.load));
        // Each request once: assigned or not.
        const seen = [...assignments.map((a) => a.requestId), ...unassigned];
        expect(seen.sort()).toEqual(world.requests.map((r) => r.id).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('is optimal against brute force on small instances, in both modes', () => {
    fc.assert(
      fc.property(worldArb(5, 4), (world) => {
        const expected = bruteForce(world.requests, world.mentors, world.context);
        const most = assignBatch(world.requests, world.mentors, world.context, 'max_matches');
        const best = assignBatch(world.requests, world.mentors, world.context, 'best_quality');
        const total = (list: typeof most.assignments) => list.reduce((sum, a) => sum + tenths(a.score), 0);
        expect({ count: most.assignments.length, total: total(most.assignments) }).toEqual(
          expected.bestCount,
        );
        expect(total(best.assignments)).toBe(expected.bestTotal);
      }),
      { numRuns: 400 },
    );
  });

  it('matches more families in "as many as possible", better pairs in "best quality"', () => {
    // Lene fits Anne very well and Peter less; Mads can only take Anne (Peter needs the same diagnosis) and fits
    // her poorly. One place each.
    const anne = request({ id: 'anne', requesterId: 'anne' });
    const peter = request({
      id: 'peter',
      requesterId: 'peter',
      groupId: 'g-pku',
      areaId: 'a-pku',
      topics: [],
      sameDiagnosisRequired: true,
    });
    const lene = mentor({
      userId: 'lene',
      capacity: 1,
      groupIds: ['g-cf', 'g-pku'],
      areaIds: ['a-cf', 'a-pku'],
    });
    const mads = mentor({
      userId: 'mads',
      capacity: 1,
      groupIds: [],
      areaIds: [],
      topics: [],
      childAgeYears: null,
    });
    const c = context({ weights: { ...defaultMatchingWeights, region: 0, waitTime: 0 } });
    const pairs = (result: ReturnType<typeof assignBatch>) =>
      result.assignments.map((a) => `${a.requestId}-${a.mentorUserId}`).sort();

    const most = assignBatch([anne, peter], [lene, mads], c, 'max_matches');
    expect(pairs(most)).toEqual(['anne-mads', 'peter-lene']);
    const best = assignBatch([anne, peter], [lene, mads], c, 'best_quality');
    expect(pairs(best)).toEqual(['anne-lene']);
    expect(best.unassigned).toEqual(['peter']);
  });
});
