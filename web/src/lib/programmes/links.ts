/** What a step's links need beyond the step: the titles of its resources and webinars, read once for the page. */
export interface StepLinkTitles {
  resources: Map<string, string>;
  webinars: Map<string, { title: string; startsAt: string }>;
}

export const noLinkTitles = (): StepLinkTitles => ({ resources: new Map(), webinars: new Map() });
