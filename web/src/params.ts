import { isPageSlug } from '@spejl/shared/pages-values';
import { defineParams } from '@sveltejs/kit/params';

/** Route parameter matchers: `[slug=pageSlug]` is `/terms`, `/privacy` or `/help`, the pages every install has. */
export const params = defineParams({
  pageSlug: (param) => (isPageSlug(param) ? param : undefined),
});
