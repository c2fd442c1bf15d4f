import { ActionPatch } from '@lrt/contracts';

/**
 * The shared `ActionPatch` schema, the same one the API validates with. It brings zod, so the edit page loads
 * this module by itself (as the form opens, and again when it is sent), keeping zod out of the page's first load.
 */
export const validatePatch = (body: Record<string, unknown>) => ActionPatch.safeParse(body);
