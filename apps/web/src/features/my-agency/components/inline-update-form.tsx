import type { Action, Agency } from '@lrt/contracts';
import { useEffect, useRef } from 'react';
import { ProgressUpdateForm } from '@/features/progress-updates/components/progress-update-form';

/**
 * The shared progress-update form, opened inside an action's row (in answer mode when the action was returned
 * for more information: the form itself asks for the answer). When it opens, focus moves to its first field, so
 * keyboard and screen reader users land in it. This module brings the form and zod, so it loads only when
 * someone opens it.
 */
export function InlineUpdateForm({
  action,
  agencies,
  onErrorsChange,
}: {
  action: Action;
  agencies: ReadonlyMap<number, Agency>;
  onErrorsChange?: (hasErrors: boolean) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);
  return (
    <div ref={ref}>
      {/* Under the row's h4 (in its group's h3, in the section's h2). */}
      <ProgressUpdateForm action={action} agencies={agencies} onErrorsChange={onErrorsChange} headingLevel={5} />
    </div>
  );
}
