import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Agency, Recommendation, Review } from '@lrt/contracts';
import { NotFoundPage } from '@/app/not-found-page';
import type { PickerOption } from '@/components/agency-picker';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { ErrorState, Loading } from '@/components/states';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useThemes } from '@/features/reference-data/api/get-themes';
import { useRecommendations } from '@/features/reviews/api/get-recommendations';
import { useReview } from '@/features/reviews/api/get-review';
import { isApiError } from '@/lib/api-client';
import { pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useIdParam } from '@/lib/use-id-param';
import { useCreateReviewActions } from '../api/create-review-actions';
import { ActionRow, firstFieldOf, type RowReference } from '../components/action-row';
import type { PlanEntrySavedState } from '../components/plan-entry-saved-banner';
import { bodyOf, emptyRow, fieldId, sortErrors, toRowErrors, type PlanRow, type RowError } from '../plan-rows';

/** The schema check, with zod, in its own chunk: fetched as the form opens, awaited when it is sent. */
const loadSchema = () => import('../review-actions-schema');

/** `/reviews/:reviewId/actions/new`: a review's actions typed in one sitting, row by row, saved together. */
export function NewReviewActionsPage() {
  const reviewId = useIdParam('reviewId');
  if (reviewId === null) return <NotFoundPage />;
  return <NewReviewActions reviewId={reviewId} />;
}

function NewReviewActions({ reviewId }: { reviewId: number }) {
  const canManage = useSignedIn()?.capabilities.managePlans ?? false;
  const review = useReview(reviewId);
  const agencies = useAgencies();
  const themes = useThemes();
  const recommendations = useRecommendations(reviewId);
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle(review.data ? `Add actions to ${review.data.code}` : 'Add actions', { hasErrors });

  if (!canManage) {
    return (
      <>
        <Link to={`/reviews/${reviewId}`} className="govuk-back-link">
          Back to the review
        </Link>
        <h1 className="govuk-heading-l">You cannot add actions</h1>
        <p className="govuk-body">
          A review’s actions are set up by the partnership business unit. If an action is missing from the plan, tell them.
        </p>
      </>
    );
  }
  if (review.isPending) return <Loading label="Loading the review" />;
  if (review.isError) {
    if (isApiError(review.error) && review.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <h1 className="govuk-heading-l">Add actions</h1>
        <ErrorState error={review.error} onRetry={() => void review.refetch()} />
      </>
    );
  }
  const failed = [agencies, themes, recommendations].find((query) => query.isError);
  if (failed) {
    return (
      <>
        <h1 className="govuk-heading-l">Add actions to {review.data.code}</h1>
        <ErrorState error={failed.error} onRetry={() => [agencies, themes, recommendations].forEach((query) => void query.refetch())} />
      </>
    );
  }
  if (!agencies.data || !themes.data || !recommendations.data) return <Loading label="Loading the form" />;
  return (
    <PlanEntryForm
      review={review.data}
      agencies={agencies.data}
      themes={themes.data}
      recommendations={recommendations.data}
      onErrorsChange={setHasErrors}
    />
  );
}

const byName = <T extends { name: string }>(items: readonly T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));

interface Submitted {
  summary: SummaryError[];
  /** The message beside each field, by field id. */
  byField: ReadonlyMap<string, string>;
}

const NONE_SUBMITTED: Submitted = { summary: [], byField: new Map() };

function PlanEntryForm({
  review,
  agencies,
  themes,
  recommendations,
  onErrorsChange,
}: {
  review: Review;
  agencies: readonly Agency[];
  themes: readonly { id: number; name: string }[];
  recommendations: readonly Recommendation[];
  onErrorsChange: (hasErrors: boolean) => void;
}) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const mutation = useCreateReviewActions(review.id);

  const reference: RowReference = useMemo(
    () => ({
      agencies: byName(agencies.filter((agency) => agency.active)),
      recommendations,
      themes: byName(themes).map((theme): PickerOption => ({ value: theme.id, label: theme.name })),
    }),
    [agencies, recommendations, themes],
  );
  // `?recommendationId=` preselects a recommendation of this review for every new row.
  const asked = searchParams.get('recommendationId') ?? '';
  const defaultRecommendation = recommendations.some((r) => String(r.id) === asked) ? asked : '';

  const nextKey = useRef(1);
  const newRow = useCallback(() => emptyRow(nextKey.current++, defaultRecommendation), [defaultRecommendation]);
  const [rows, setRows] = useState<PlanRow[]>(() => [newRow()]);
  const [submitted, setSubmitted] = useState<Submitted>(NONE_SUBMITTED);
  const [announcement, setAnnouncement] = useState('');
  const [focusAfterRender, setFocusAfterRender] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => onErrorsChange(submitted.summary.length > 0), [submitted, onErrorsChange]);
  useEffect(() => {
    void loadSchema();
  }, []);
  useEffect(() => {
    if (!focusAfterRender) return;
    const target = focusAfterRender === 'add' ? addButton.current : document.getElementById(focusAfterRender);
    target?.focus();
    setFocusAfterRender(null);
  }, [focusAfterRender]);

  const onChange = useCallback((key: number, patch: Partial<PlanRow>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }, []);

  const addRow = () => {
    const row = newRow();
    setRows((current) => [...current, row]);
    setAnnouncement(`Action ${rows.length + 1} added`);
    setFocusAfterRender(firstFieldOf(row.key, reference));
  };

  // The rows as last rendered, so removing one needs no new callback (and no re-render of every row) per keystroke.
  const rowsNow = useRef(rows);
  rowsNow.current = rows;
  const onRemove = useCallback(
    (key: number) => {
      const current = rowsNow.current;
      const index = current.findIndex((row) => row.key === key);
      const next = current.filter((row) => row.key !== key);
      const takesItsPlace = next[index];
      setRows(next);
      setFocusAfterRender(takesItsPlace ? firstFieldOf(takesItsPlace.key, reference) : 'add');
      setAnnouncement(`Action ${index + 1} removed. ${pluralise(next.length, 'action')} left.`);
    },
    [reference],
  );

  /** Errors are shown as they stood when the form was sent: beside each field, and numbered by row in the summary. */
  const show = (errors: RowError[], sentRows: readonly PlanRow[]) => {
    const byField = new Map<string, string>();
    const summary: SummaryError[] = [];
    for (const error of sortErrors(errors)) {
      const row = error.index === null ? undefined : sentRows[error.index];
      const id = row && error.field ? fieldId(row.key, error.field) : undefined;
      if (id && !byField.has(id)) byField.set(id, error.message);
      summary.push({ fieldId: id, message: error.index === null ? error.message : `Row ${error.index + 1}: ${error.message}` });
    }
    setSubmitted({ summary, byField });
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const sentRows = rows;
    const { body, errors: readErrors } = bodyOf(sentRows);
    const { validateReviewActions } = await loadSchema();
    const parsed = validateReviewActions(body);
    const errors = [...readErrors, ...(parsed.success ? [] : toRowErrors(parsed.issues))];
    if (errors.length > 0 || !parsed.success) {
      show(errors, sentRows);
      return;
    }
    try {
      const saved = await mutation.mutateAsync(parsed.data);
      const state: PlanEntrySavedState = { addedActions: { count: saved.items.length, refs: saved.items.map((action) => action.ref) } };
      await navigate(`/reviews/${review.id}`, { state });
    } catch (error) {
      if (isApiError(error) && error.fieldErrors.length > 0) {
        show(toRowErrors(error.fieldErrors), sentRows);
        return;
      }
      show(
        [{ index: null, field: undefined, message: isApiError(error) ? error.problem.detail || error.problem.title : 'The actions could not be saved. Try again.' }],
        sentRows,
      );
    }
  };

  const errorAt = useCallback((id: string) => submitted.byField.get(id), [submitted]);
  const count = rows.length;

  return (
    <>
      <Link to={`/reviews/${review.id}`} className="govuk-back-link">
        Back to {review.code}
      </Link>
      <ErrorSummary errors={submitted.summary} />
      <span className="govuk-caption-l">{review.title}</span>
      <h1 className="govuk-heading-l">Add actions to {review.code}</h1>
      <p className="govuk-body">
        One row for each action, as in the plan’s table. Each is given the next reference of the review ({review.code}/A1,
        A2…) and starts as not started. Nothing is saved until you save them all; if any row has a problem, none is saved.
      </p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="app-plan-entry" aria-labelledby="plan-entry-heading">
        <h2 className="govuk-visually-hidden" id="plan-entry-heading">
          The actions
        </h2>
        {rows.map((row, index) => (
          <ActionRow
            key={row.key}
            row={row}
            number={index + 1}
            reference={reference}
            errorAt={errorAt}
            onChange={onChange}
            onRemove={rows.length > 1 ? onRemove : undefined}
          />
        ))}
        <div className="govuk-button-group app-plan-entry__add">
          <button ref={addButton} type="button" className="govuk-button govuk-button--secondary" onClick={addRow}>
            Add another action
          </button>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
            {mutation.isPending ? 'Saving…' : `Save ${pluralise(count, 'action')}`}
          </button>
          <Link className="govuk-link" to={`/reviews/${review.id}`}>
            Cancel
          </Link>
        </div>
        <p className="govuk-visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
      </form>
    </>
  );
}
