import type { Action } from '@lrt/contracts';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Loading } from '@/components/states';
import { useSettings } from '@/features/settings/api/get-settings';
import type { AssuranceDecisionAnswer } from '../api/decide-assurance';
import type { SignOffDecision } from './assurance-decision-form';

/** The form, and zod that checks it, load after the page, and only for people who may decide. */
const loadForm = () => import('./assurance-decision-form');
const AssuranceDecisionForm = lazy(async () => ({ default: (await loadForm()).AssuranceDecisionForm }));

export interface SignOffControlsProps {
  action: Action;
  /** After the decision: the caller shows a confirmation (which takes focus) and the action leaves its list. */
  onDecided: (answer: AssuranceDecisionAnswer) => void;
  onErrorsChange?: ((hasErrors: boolean) => void) | undefined;
  /** The level of the form's heading. */
  headingLevel?: 3 | 4;
  /** Called when a form opens, so a list can close a confirmation from an earlier decision. */
  onOpen?: (() => void) | undefined;
}

/**
 * "Assure" and "Return for more information" for a completed action, each opening its form below the buttons.
 * Shown only when the API says this person may decide (`permissions.canDecideAssurance`). Opening a form moves
 * focus into it; cancelling gives focus back to the button that opened it. Someone who would decide but proposed
 * the completion themselves (`permissions.proposedCompletion`) is told that someone else must sign it off.
 */
export function SignOffControls({ action, onDecided, onErrorsChange, headingLevel = 3, onOpen }: SignOffControlsProps) {
  const [open, setOpen] = useState<SignOffDecision | null>(null);
  const openers = useRef(new Map<SignOffDecision, HTMLButtonElement>());
  const focusAfterClose = useRef<SignOffDecision | null>(null);
  const panelId = `decision-${action.id}`;
  const mayDecide = action.permissions.canDecideAssurance && action.status === 'completed';
  // The reply period (for the return form's default day) and the form itself are fetched as the buttons show,
  // so a form opens at once, already filled in.
  useSettings({ enabled: mayDecide });
  useEffect(() => {
    if (mayDecide) void loadForm();
  }, [mayDecide]);

  useEffect(() => {
    if (open === null && focusAfterClose.current) {
      openers.current.get(focusAfterClose.current)?.focus();
      focusAfterClose.current = null;
    }
  }, [open]);

  if (!mayDecide) {
    if (action.permissions.proposedCompletion && action.status === 'completed') {
      return (
        <p className="govuk-inset-text">
          You proposed this completion, so someone else must sign it off: another chair of the subgroup overseeing it, or the
          business unit.
        </p>
      );
    }
    return null;
  }

  const close = () => {
    focusAfterClose.current = open;
    setOpen(null);
    onErrorsChange?.(false);
  };
  const opener = (decision: SignOffDecision, label: string, secondary: boolean) => {
    const isOpen = open === decision;
    return (
      <button
        type="button"
        ref={(element) => {
          if (element) openers.current.set(decision, element);
          else openers.current.delete(decision);
        }}
        className={`govuk-button${secondary ? ' govuk-button--secondary' : ''} govuk-!-margin-bottom-2`}
        aria-expanded={isOpen}
        aria-controls={isOpen ? panelId : undefined}
        onClick={() => {
          onOpen?.();
          onErrorsChange?.(false);
          setOpen(isOpen ? null : decision);
        }}
      >
        {label} <span className="govuk-visually-hidden">action {action.ref}</span>
      </button>
    );
  };

  return (
    <>
      <div className="app-action-item__controls">
        {opener('assure', 'Assure', false)}
        {opener('return', 'Return for more information', true)}
      </div>
      {open ? (
        <div className="app-inline-panel" id={panelId}>
          <Suspense fallback={<Loading label="Loading the form" />}>
            <AssuranceDecisionForm
              key={open}
              action={action}
              decision={open}
              headingLevel={headingLevel}
              onCancel={close}
              onDecided={(answer) => {
                setOpen(null);
                onErrorsChange?.(false);
                onDecided(answer);
              }}
              onErrorsChange={onErrorsChange}
            />
          </Suspense>
        </div>
      ) : null}
    </>
  );
}
