/**
 * The matching engine: which mentors may be proposed for a request (hard filters), how well each fits (a weighted
 * score with a per-criterion breakdown), and the best assignment of a whole cohort under mentor capacities
 * (min-cost flow). Pure: no I/O, no clock, no randomness; the service gathers the facts and translates the result.
 */
import type {
  BatchMode,
  ExclusionReason,
  LifeStage,
  MatchingCriterion,
  MatchingWeights,
  MentorGender,
  MentorGenderWish,
  MentoringTopic,
  Region,
} from '@spejl/shared/mentoring-values';

/** What the engine knows about a mentor. */
export interface MentorFacts {
  userId: string;
  approved: boolean;
  /** Paused by the mentor or by a coordinator. */
  paused: boolean;
  capacity: number;
  /** Families the mentor has now: proposed and active matches. */
  load: number;
  groupIds: readonly string[];
  /** The diagnosis areas (association, or top-level group) of those groups. */
  areaIds: readonly string[];
  childAgeYears: number | null;
  region: Region;
  languages: readonly string[];
  topics: readonly MentoringTopic[];
  gender: MentorGender | null;
}

/** What the engine knows about a family's request. */
export interface RequestFacts {
  id: string;
  requesterId: string;
  groupId: string | null;
  areaId: string | null;
  childAgeYears: number | null;
  region: Region;
  languages: readonly string[];
  topics: readonly MentoringTopic[];
  /** Must be able to meet: the mentor lives in the same or a neighbouring region. */
  inPerson: boolean;
  sameDiagnosisRequired: boolean;
  mentorGender: MentorGenderWish | null;
  /** Whole days since the request was made. */
  waitingDays: number;
}

/** Facts about pairs: "don't match us again" either way, and mentors who already declined a request. */
export interface MatchingContext {
  weights: MatchingWeights;
  /** `pairKey(a, b)` for every pair of people who must not be matched. */
  blocked: ReadonlySet<string>;
  /** `declineKey(requestId, mentorId)` for every proposal that was declined. */
  declined: ReadonlySet<string>;
}

export interface BreakdownItem {
  criterion: MatchingCriterion;
  points: number;
  /** The facts behind the points, for the translated note: always a `state`, plus the numbers it names. */
  params: { state: string } & Record<string, string | number>;
}

export interface Candidate {
  mentorUserId: string;
  score: number;
  breakdown: BreakdownItem[];
}

export interface Excluded {
  mentorUserId: string;
  reasons: ExclusionReason[];
}

export interface Assignment {
  requestId: string;
  mentorUserId: string;
  score: number;
}

/** The order-independent key of a pair of people. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function declineKey(requestId: string, mentorId: string): string {
  return `${requestId}|${mentorId}`;
}

const regionIndex: Record<Region, number> = {
  hovedstaden: 0,
  sjaelland: 1,
  syddanmark: 2,
  midtjylland: 3,
  nordjylland: 4,
};

/**
 * Travel distance between regions in steps, 0 (same region) to 3. Neighbours by land or bridge are 1
 * (Hovedstaden–Sjælland, Sjælland–Syddanmark over the Great Belt, Syddanmark–Midtjylland, Midtjylland–Nordjylland);
 * two steps apart is 2 (Sjælland–Midtjylland also has the Kattegat ferry); Nordjylland to Zealand is the far end.
 */
const distanceTable: ReadonlyArray<ReadonlyArray<number>> = [
  // hov sjæ syd mid nor
  [0, 1, 2, 2, 3],
  [1, 0, 1, 2, 3],
  [2, 1, 0, 1, 2],
  [2, 2, 1, 0, 1],
  [3, 3, 2, 1, 0],
];
export const maxRegionDistance = 3;

export function regionDistance(a: Region, b: Region): number {
  return distanceTable[regionIndex[a]]![regionIndex[b]]!;
}

/** The life stage for an age in years: baby (0–2), preschool (3–5), school (6–12), teen (13–17), adult. */
export function lifeStageOf(age: number): LifeStage {
  if (age <= 2) return 'baby';
  if (age <= 5) return 'preschool';
  if (age <= 12) return 'school';
  if (age <= 17) return 'teen';
  return 'adult';
}

/** Ages further apart than this give no age points. */
const ageSpanYears = 8;
/** Waiting longer than this gives the full wait-time bonus. */
const waitCapDays = 14;

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Every hard filter the mentor fails for this request; empty when the mentor may be proposed. */
export function exclusionReasonsFor(
  request: RequestFacts,
  mentor: MentorFacts,
  context: Pick<MatchingContext, 'blocked' | 'declined'>,
): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  if (mentor.userId === request.requesterId) reasons.push('is_requester');
  if (!mentor.approved) reasons.push('not_approved');
  if (mentor.paused) reasons.push('paused');
  if (mentor.load >= mentor.capacity) reasons.push('no_capacity');
  if (!request.languages.some((language) => mentor.languages.includes(language)))
    reasons.push('no_shared_language');
  if (context.blocked.has(pairKey(request.requesterId, mentor.userId))) reasons.push('blocked');
  if (
    request.sameDiagnosisRequired &&
    !(request.groupId !== null && mentor.groupIds.includes(request.groupId))
  )
    reasons.push('not_same_diagnosis');
  if (request.inPerson && regionDistance(request.region, mentor.region) > 1) reasons.push('too_far');
  if (request.mentorGender !== null && mentor.gender !== request.mentorGender) reasons.push('gender');
  if (context.declined.has(declineKey(request.id, mentor.userId))) reasons.push('declined_before');
  return reasons;
}

/** The weighted score and its breakdown, one item per criterion (zero points included, so nothing is hidden). */
export function scoreFor(
  request: RequestFacts,
  mentor: MentorFacts,
  weights: MatchingWeights,
): { score: number; breakdown: BreakdownItem[] } {
  const sameDiagnosis = request.groupId !== null && mentor.groupIds.includes(request.groupId);
  const sameArea = !sameDiagnosis && request.areaId !== null && mentor.areaIds.includes(request.areaId);
  const sharedTopics = request.topics.filter((topic) => mentor.topics.includes(topic)).length;
  const bothAges = request.childAgeYears !== null && mentor.childAgeYears !== null;
  const ageGap = bothAges ? Math.abs(request.childAgeYears! - mentor.childAgeYears!) : null;
  const sameStage = bothAges && lifeStageOf(request.childAgeYears!) === lifeStageOf(mentor.childAgeYears!);
  const distance = regionDistance(request.region, mentor.region);
  const waitDays = Math.max(0, request.waitingDays);

  const diagnosisState = request.groupId === null ? 'unknown' : sameDiagnosis ? 'same' : 'different';
  const areaState = sameDiagnosis
    ? 'diagnosis'
    : request.areaId === null
      ? 'unknown'
      : sameArea
        ? 'same'
        : 'different';
  const items: Array<[MatchingCriterion, number, BreakdownItem['params']]> = [
    ['diagnosis', sameDiagnosis ? 1 : 0, { state: diagnosisState }],
    ['area', sameArea ? 1 : 0, { state: areaState }],
    [
      'topics',
      request.topics.length === 0 ? 0 : sharedTopics / request.topics.length,
      request.topics.length === 0
        ? { state: 'none_asked' }
        : { state: 'shared', shared: sharedTopics, asked: request.topics.length },
    ],
    [
      'childAge',
      ageGap === null ? 0 : Math.max(0, 1 - ageGap / ageSpanYears),
      ageGap === null ? { state: 'unknown' } : { state: 'known', gap: ageGap },
    ],
    [
      'lifeStage',
      sameStage ? 1 : 0,
      !bothAges
        ? { state: 'unknown' }
        : sameStage
          ? { state: 'same', stage: lifeStageOf(request.childAgeYears!) }
          : { state: 'different' },
    ],
    [
      'region',
      1 - distance / maxRegionDistance,
      { state: distance === 0 ? 'same' : distance === 1 ? 'near' : 'far', distance },
    ],
    ['waitTime', Math.min(waitDays, waitCapDays) / waitCapDays, { state: 'waiting', days: waitDays }],
    [
      'load',
      mentor.capacity > 0 ? -Math.min(1, mentor.load / mentor.capacity) : 0,
      { state: 'load', load: mentor.load, capacity: mentor.capacity },
    ],
  ];
  const breakdown = items.map(([criterion, fraction, params]) => ({
    criterion,
    points: round1(fraction * weights[criterion]) + 0,
    params,
  }));
  const score = round1(breakdown.reduce((sum, item) => sum + item.points, 0)) + 0;
  return { score, breakdown };
}

/**
 * Every mentor in exactly one list: candidates (passing every hard filter) ranked by score, then lighter load, then
 * id; and the excluded with all their reasons.
 */
export function rankCandidates(
  request: RequestFacts,
  mentors: readonly MentorFacts[],
  context: MatchingContext,
): { candidates: Candidate[]; excluded: Excluded[] } {
  const candidates: Array<Candidate & { load: number }> = [];
  const excluded: Excluded[] = [];
  for (const mentor of mentors) {
    const reasons = exclusionReasonsFor(request, mentor, context);
    if (reasons.length > 0) {
      excluded.push({ mentorUserId: mentor.userId, reasons });
      continue;
    }
    const { score, breakdown } = scoreFor(request, mentor, context.weights);
    candidates.push({ mentorUserId: mentor.userId, score, breakdown, load: mentor.load });
  }
  candidates.sort(
    (a, b) => b.score - a.score || a.load - b.load || a.mentorUserId.localeCompare(b.mentorUserId),
  );
  excluded.sort((a, b) => a.mentorUserId.localeCompare(b.mentorUserId));
  return { candidates: candidates.map(({ load: _load, ...candidate }) => candidate), excluded };
}

interface Edge {
  to: number;
  capacity: number;
  cost: number;
  /** Index of the reverse edge in `graph[to]`. */
  reverse: number;
}

/**
 * Assigns a cohort of requests to mentors, each request at most one mentor and each mentor at most their free
 * capacity (capacity minus load), only pairs that pass the hard filters.
 * - `max_matches`: as many matches as possible; among those, the highest total score.
 * - `best_quality`: the highest total score; a match that would lower the total is left out.
 * Min-cost flow by successive shortest paths (Bellman–Ford, since costs are negative scores). Scores are whole
 * tenths, so costs are integers and the optimum is exact. Scores are computed with each mentor's load before the
 * batch.
 */
export function assignBatch(
  requests: readonly RequestFacts[],
  mentors: readonly MentorFacts[],
  context: MatchingContext,
  mode: BatchMode,
): { assignments: Assignment[]; unassigned: string[] } {
  const requestCount = requests.length;
  const source = 0;
  const sink = requestCount + mentors.length + 1;
  const graph: Edge[][] = Array.from({ length: sink + 1 }, () => []);
  const addEdge = (from: number, to: number, capacity: number, cost: number) => {
    graph[from]!.push({ to, capacity, cost, reverse: graph[to]!.length });
    graph[to]!.push({ to: from, capacity: 0, cost: -cost, reverse: graph[from]!.length - 1 });
  };
  const scores = new Map<string, number>();
  requests.forEach((request, r) => {
    addEdge(source, 1 + r, 1, 0);
    mentors.forEach((mentor, m) => {
      if (exclusionReasonsFor(request, mentor, context).length > 0) return;
      const { score } = scoreFor(request, mentor, context.weights);
      scores.set(`${r}:${m}`, score);
      addEdge(1 + r, 1 + requestCount + m, 1, -Math.round(score * 10));
    });
  });
  mentors.forEach((mentor, m) => {
    const free = Math.max(0, mentor.capacity - mentor.load);
    if (free > 0) addEdge(1 + requestCount + m, sink, free, 0);
  });

  const nodeCount = sink + 1;
  for (;;) {
    const distance = new Array<number>(nodeCount).fill(Number.POSITIVE_INFINITY);
    const previous = new Array<{ node: number; edge: number } | null>(nodeCount).fill(null);
    const queued = new Array<boolean>(nodeCount).fill(false);
    distance[source] = 0;
    const queue = [source];
    queued[source] = true;
    while (queue.length > 0) {
      const node = queue.shift()!;
      queued[node] = false;
      graph[node]!.forEach((edge, index) => {
        if (edge.capacity <= 0) return;
        const next = distance[node]! + edge.cost;
        if (next < distance[edge.to]!) {
          distance[edge.to] = next;
          previous[edge.to] = { node, edge: index };
          if (!queued[edge.to]) {
            queued[edge.to] = true;
            queue.push(edge.to);
          }
        }
      });
    }
    if (distance[sink] === Number.POSITIVE_INFINITY) break;
    // Each augmenting path is one more match; its cost is minus the change in total score.
    if (mode === 'best_quality' && distance[sink]! >= 0) break;
    for (let node = sink; node !== source; ) {
      const step = previous[node]!;
      const edge = graph[step.node]![step.edge]!;
      edge.capacity -= 1;
      graph[node]![edge.reverse]!.capacity += 1;
      node = step.node;
    }
  }

  const assignments: Assignment[] = [];
  const unassigned: string[] = [];
  requests.forEach((request, r) => {
    const used = graph[1 + r]!.find(
      (edge) => edge.to > requestCount && edge.to < sink && edge.capacity === 0,
    );
    if (!used) {
      unassigned.push(request.id);
      return;
    }
    const m = used.to - 1 - requestCount;
    assignments.push({
      requestId: request.id,
      mentorUserId: mentors[m]!.userId,
      score: scores.get(`${r}:${m}`)!,
    });
  });
  return { assignments, unassigned };
}
