import { programmesApi } from '../api/programmes.ts';

/** What the home page's small programme card shows: the programme, and the next step's title when enrolled. */
export interface HomeProgramme {
  id: string;
  title: string;
  summary: string;
  enrolled: boolean;
  nextStepTitle: string | null;
}

/**
 * The programme for the home page: the one the family is in (with its next step), else the first open one to join;
 * null when there is none. A programme the family left or finished is not pushed at it again.
 */
export async function homeProgramme(fetcher?: typeof fetch): Promise<HomeProgramme | null> {
  const { items } = await programmesApi.list(fetcher);
  const mine = items.find((item) => item.enrolled);
  if (mine) {
    const programme = await programmesApi.get(mine.id, fetcher);
    const enrolment = programme.myEnrolment;
    if (enrolment && (enrolment.status === 'active' || enrolment.status === 'paused')) {
      const next = programme.steps.find((step) => step.id === enrolment.nextStepId);
      return { ...summaryOf(programme), enrolled: true, nextStepTitle: next?.title ?? null };
    }
    if (enrolment) return null;
  }
  const open = items.find((item) => item.status === 'open' && item.permissions.canEnrol && !item.enrolled);
  return open ? { ...summaryOf(open), enrolled: false, nextStepTitle: null } : null;
}

const summaryOf = (programme: { id: string; title: string; summary: string }) => ({
  id: programme.id,
  title: programme.title,
  summary: programme.summary,
});
