/** What a step can point to, offered in the step form: groups, coming webinars and events, texts from the kit. */
export interface StepOptions {
  groups: Array<{ id: string; name: string }>;
  webinars: Array<{ id: string; title: string; startsAt: string }>;
  resources: Array<{ id: string; title: string }>;
}
