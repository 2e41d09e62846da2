import { z } from 'zod';
import { welcomeSteps } from './welcome-values.ts';

export { isSafeRedirectPath, redirectPathMax, welcomeSteps } from './welcome-values.ts';

/** Where the guided start stands for the signed-in person: the step to resume at, or null once done or skipped. */
export const welcomeState = z
  .object({ welcome: z.object({ step: z.number().int().min(0).nullable() }) })
  .meta({ id: 'WelcomeState' });
export type WelcomeState = z.infer<typeof welcomeState>;

/** Remembers the step reached (to resume there), or ends the guided start (`done`, also when skipped). */
export const updateWelcomeBody = z
  .strictObject({
    step: z
      .number()
      .int()
      .min(0)
      .max(welcomeSteps.length - 1)
      .optional(),
    done: z.literal(true).optional(),
  })
  .refine((body) => (body.step === undefined) !== (body.done === undefined), {
    message: 'either step or done',
  });
