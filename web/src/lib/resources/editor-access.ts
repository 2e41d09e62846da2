import { ApiError } from '../api/client.ts';
import { resourcesApi } from '../api/resources.ts';

/** Whether the person looks after texts: `editor`, one who must first prove two-step verification, or `none`. */
export type EditorAccess = 'editor' | 'needs-mfa' | 'none';

/**
 * Asks the review queue, which answers only editors (admins, association editors, group owners): the API has no
 * "which scopes may I edit" route, so its refusal codes tell us.
 */
export async function editorAccess(fetcher?: typeof fetch): Promise<EditorAccess> {
  try {
    await resourcesApi.reviewQueue({ limit: 1 }, fetcher);
    return 'editor';
  } catch (error) {
    if (
      error instanceof ApiError &&
      (error.code === 'auth.mfa_step_up_required' || error.code === 'auth.mfa_enrolment_required')
    )
      return 'needs-mfa';
    return 'none';
  }
}
