import type { ActionStatus, ActionTotals, Brag } from '@lrt/contracts';
import { Link } from 'react-router';
import { BragTag } from '@/components/brag-tag';
import { LABELS } from '@/lib/contract-constants';
import { pluralise } from '@/lib/format';
import type { DashboardScope } from '../api/keys';
import { countPath } from '../links';
import { CountLink } from './count-link';

/** Most urgent first, as people read the plan. */
export const BRAG_ORDER: Brag[] = ['red', 'amber', 'green', 'blue'];

/** What each rating means (BRIEF.md): the word is always shown, never only the colour. */
export const BRAG_MEANING: Record<Brag, string> = {
  red: 'Off track or overdue',
  amber: 'At risk, or no recent update',
  green: 'On track, or completed and awaiting assurance',
  blue: 'Completed and assured',
};

const STATUS_ORDER: ActionStatus[] = ['not_started', 'in_progress', 'completed', 'assured', 'withdrawn'];

export interface HeadlineFiguresProps {
  totals: ActionTotals;
  scope: DashboardScope;
  /** Words for whose actions these are, read after each count: "of the Learning and Practice Review subgroup". */
  whose?: string;
  dueSoonDays?: number | undefined;
  updateCadenceDays?: number | undefined;
}

/**
 * The headline counts: BRAG ratings, what needs attention (overdue, stale, due soon) and actions by status.
 * Every number opens the actions list filtered to exactly what it counts.
 */
export function HeadlineFigures({ totals, scope, whose = '', dueSoonDays, updateCadenceDays }: HeadlineFiguresProps) {
  const suffix = whose ? ` ${whose}` : '';
  return (
    <>
      <h2 className="govuk-heading-m">BRAG ratings</h2>
      <p className="govuk-body">
        <CountLink count={totals.actions} to={countPath(scope, { kind: 'all' })} label={`actions in all${suffix}`} />
        {totals.actions === 1 ? ' action' : ' actions'} in all
        {totals.byStatus.withdrawn > 0 ? `, of which ${totals.byStatus.withdrawn} withdrawn and not rated` : ''}.
      </p>
      <ul className="app-figures" aria-label="Actions by BRAG rating">
        {BRAG_ORDER.map((brag) => (
          <li key={brag} className={`app-figure app-figure--${brag}`}>
            <BragTag brag={brag} />
            <CountLink
              className="app-figure__count"
              count={totals.byBrag[brag]}
              to={countPath(scope, { kind: 'brag', brag })}
              label={`${LABELS.brag[brag].toLowerCase()} ${totals.byBrag[brag] === 1 ? 'action' : 'actions'}${suffix}`}
            />
            <span className="app-figure__hint">{BRAG_MEANING[brag]}</span>
          </li>
        ))}
      </ul>

      <h2 className="govuk-heading-m">Needs attention</h2>
      <ul className="app-figures" aria-label="Actions needing attention">
        <li className="app-figure app-figure--attention">
          <strong className="moj-badge moj-badge--red">Overdue</strong>
          <CountLink
            className="app-figure__count"
            count={totals.overdue}
            to={countPath(scope, { kind: 'overdue' })}
            label={`overdue ${totals.overdue === 1 ? 'action' : 'actions'}${suffix}`}
          />
          <span className="app-figure__hint">Past the target date and not completed</span>
        </li>
        <li className="app-figure app-figure--attention">
          <strong className="moj-badge moj-badge--purple">Stale</strong>
          <CountLink
            className="app-figure__count"
            count={totals.stale}
            to={countPath(scope, { kind: 'stale' })}
            label={`stale ${totals.stale === 1 ? 'action' : 'actions'}${suffix}`}
          />
          <span className="app-figure__hint">
            {updateCadenceDays ? `No progress update in the last ${updateCadenceDays} days` : 'No recent progress update'}
          </span>
        </li>
        <li className="app-figure app-figure--attention">
          <strong className="moj-badge">Due soon</strong>
          <CountLink
            className="app-figure__count"
            count={totals.dueSoon}
            to={countPath(scope, { kind: 'dueSoon' })}
            label={`${totals.dueSoon === 1 ? 'action' : 'actions'} due soon${suffix}`}
          />
          <span className="app-figure__hint">
            {dueSoonDays ? `Open and due in the next ${pluralise(dueSoonDays, 'day')}` : 'Open and due in the coming weeks'}
          </span>
        </li>
      </ul>

      <h2 className="govuk-heading-m">Actions by status</h2>
      <dl className="app-status-counts">
        {STATUS_ORDER.map((status) => (
          <div key={status} className="app-status-counts__item">
            <dt>{status === 'completed' ? 'Completed, awaiting assurance' : LABELS.actionStatus[status]}</dt>
            <dd>
              <CountLink
                count={totals.byStatus[status]}
                to={countPath(scope, { kind: 'status', status })}
                label={`${totals.byStatus[status] === 1 ? 'action' : 'actions'} ${LABELS.actionStatus[status].toLowerCase()}${suffix}`}
              />
            </dd>
          </div>
        ))}
      </dl>
      <p className="govuk-body">
        <Link className="govuk-link" to={countPath(scope, { kind: 'all' })}>
          See all these actions{suffix ? <span className="govuk-visually-hidden">{suffix}</span> : null}
        </Link>
      </p>
    </>
  );
}
