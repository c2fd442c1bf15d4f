import { ReviewActionsCreate } from '@lrt/contracts';
import { joinPath } from './plan-rows';

/**
 * The shared `ReviewActionsCreate` schema, the one the API validates with. It brings zod, so the page loads this
 * module by itself (as the form opens, awaited when it is sent), keeping zod out of the page's first load.
 */
export function validateReviewActions(body: unknown) {
  const parsed = ReviewActionsCreate.safeParse(body);
  if (parsed.success) return { success: true as const, data: parsed.data };
  return {
    success: false as const,
    issues: parsed.error.issues.map((issue) => ({ path: joinPath(issue.path), message: issue.message, code: issue.code })),
  };
}
