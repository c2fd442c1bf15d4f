import type { Review, ReviewCreate, ReviewPatch, ReviewStage, ReviewType, Subgroup, Theme } from '@lrt/contracts';
import { londonToday, reviewStageWarnings } from '@lrt/domain';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { CheckboxGroup } from '@/components/checkbox-group';
import { ErrorSummary } from '@/components/error-summary';
import { Radios, Select, TextInput, Textarea } from '@/components/form-fields';
import { VersionConflict } from '@/features/admin/components/version-conflict';
import { loadContracts, usePreloadContracts } from '@/features/admin/contracts';
import { errorAt, isVersionConflict, serverFormErrors, toFormErrors, toSummary, zodIssues, type FormError } from '@/features/admin/form-errors';
import { isApiError } from '@/lib/api-client';
import { LABELS, LIMITS } from '@/lib/contract-constants';
import { formatDate } from '@/lib/format';
import { useCreateReview } from '../api/create-review';
import { usePatchReview } from '../api/patch-review';
import {
  changedFields,
  EMPTY_REVIEW,
  fieldsFromValues,
  fieldsOf,
  patchOf,
  readableIssue,
  reapply,
  REVIEW_FIELD_IDS as IDS,
  REVIEW_FIELD_LABELS,
  REVIEW_FIELD_SPECS,
  REVIEW_FIELDS,
  stageInputOf,
  valuesOf,
  type ReviewField,
  type ReviewFields,
  type ReviewFormValues,
} from '../review-form';
import { DateInput } from '@/components/date-input';
import { StageWarnings } from './stage-warnings';

/** What the review page shows after a save: a confirmation banner. */
export interface ReviewSavedState {
  savedReview: { code: string; added: boolean; fields: string[]; warnings: string[] };
}

const REVIEW_TYPES = Object.keys(LABELS.reviewType) as ReviewType[];
const REVIEW_STAGES = Object.keys(LABELS.reviewStage) as ReviewStage[];

const DATE_HINT = 'For example, 27 3 2026. Leave it empty if it is not known or has not happened.';

interface Conflict {
  /** The review as someone else saved it. */
  current: Review;
  /** What the form held when it was sent. */
  mine: ReviewFields;
  /** The fields this person changed. */
  changed: ReviewField[];
}

const isReview = (value: unknown): value is Review =>
  typeof value === 'object' && value !== null && 'id' in value && 'version' in value && 'code' in value && 'stage' in value;

/**
 * Adds a review (`review` null) or changes one. The stage warnings are worked out as the person types, by the
 * same rule the API's reviews follow (`@lrt/domain`), and never stop the save. A change that meets someone
 * else's shows both and lets the person choose; nothing is overwritten without their say.
 */
export function ReviewForm({
  review,
  subgroups,
  themes,
  onErrorsChange,
  cancelTo,
}: {
  review: Review | null;
  subgroups: readonly Subgroup[];
  themes: readonly Theme[];
  onErrorsChange: (hasErrors: boolean) => void;
  cancelTo: string;
}) {
  const navigate = useNavigate();
  const create = useCreateReview();
  const patch = usePatchReview(review?.id ?? 0);
  /** The version this form changes: the one loaded, or the one someone else saved if this person moves onto it. */
  const [base, setBase] = useState<Review | null>(review);
  const [values, setValues] = useState<ReviewFormValues>(() => valuesOf(review ? fieldsOf(review) : EMPTY_REVIEW));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  usePreloadContracts();
  useEffect(() => onErrorsChange(errors.length > 0), [errors, onErrorsChange]);

  const warnings = useMemo(() => reviewStageWarnings(stageInputOf(values), londonToday(new Date())), [values]);
  const summary = useMemo(() => toSummary(errors), [errors]);
  const pending = create.isPending || patch.isPending;
  const errorOf = (field: ReviewField) => errorAt(errors, IDS[field]);
  const set = <K extends keyof ReviewFormValues>(field: K, value: ReviewFormValues[K]) => setValues((current) => ({ ...current, [field]: value }));

  const submit = async (onto: Review | null, formValues: ReviewFormValues) => {
    const { fields, errors: readErrors } = fieldsFromValues(formValues);
    const changed = onto ? changedFields(fieldsOf(onto), fields) : [...REVIEW_FIELDS];
    const contracts = await loadContracts();
    const parsed = onto ? contracts.ReviewPatch.safeParse(patchOf(fields, changed, onto.version)) : contracts.ReviewCreate.safeParse(fields);
    const issues = [...readErrors, ...(parsed.success ? [] : zodIssues(parsed.error)), ...contracts.reviewDateOrderErrors(fields)];
    if (issues.length > 0 || !parsed.success) {
      setErrors(toFormErrors(issues.map(readableIssue), REVIEW_FIELD_SPECS));
      return;
    }
    if (onto && changed.length === 0) {
      setErrors([{ path: '', fieldId: undefined, message: 'You have not changed anything. Change a field, or cancel.' }]);
      return;
    }
    try {
      const saved = onto ? await patch.mutateAsync(parsed.data as ReviewPatch) : await create.mutateAsync(parsed.data as ReviewCreate);
      setErrors([]);
      const state: ReviewSavedState = {
        savedReview: {
          code: saved.code,
          added: onto === null,
          fields: onto ? changed.map((field) => REVIEW_FIELD_LABELS[field]) : [],
          warnings: warnings.map((warning) => warning.message),
        },
      };
      await navigate(`/reviews/${saved.id}`, { state });
    } catch (error) {
      if (onto && isVersionConflict(error) && isApiError(error) && isReview(error.problem.current)) {
        setErrors([]);
        setConflict({ current: error.problem.current, mine: fields, changed });
        return;
      }
      if (isApiError(error) && error.fieldErrors.some((issue) => issue.path !== 'version' && issue.path !== 'body')) {
        const issues = error.fieldErrors.filter((issue) => issue.path !== 'version' && issue.path !== 'body').map(readableIssue);
        setErrors(toFormErrors(issues, REVIEW_FIELD_SPECS));
        return;
      }
      setErrors(serverFormErrors(error, REVIEW_FIELD_SPECS, 'The review could not be saved. Try again.'));
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(base, values);
  };

  if (conflict && base) {
    const theirs = changedFields(fieldsOf(base), fieldsOf(conflict.current));
    const rows = REVIEW_FIELDS.filter((field) => conflict.changed.includes(field) || theirs.includes(field));
    const currentFields = fieldsOf(conflict.current);
    return (
      <VersionConflict
        subject="this review"
        pending={pending}
        rows={rows.map((field) => ({
          label: REVIEW_FIELD_LABELS[field],
          current: shown(field, currentFields, subgroups, themes),
          yours: conflict.changed.includes(field) ? shown(field, conflict.mine, subgroups, themes) : <span className="app-secondary-text">You did not change this</span>,
          differs: conflict.changed.includes(field) && JSON.stringify(currentFields[field]) !== JSON.stringify(conflict.mine[field]),
        }))}
        onReapply={() => {
          const merged = valuesOf(reapply(currentFields, conflict.mine, conflict.changed));
          setBase(conflict.current);
          setValues(merged);
          setConflict(null);
          void submit(conflict.current, merged);
        }}
        onDiscard={() => {
          setBase(conflict.current);
          setValues(valuesOf(currentFields));
          setConflict(null);
        }}
      />
    );
  }

  return (
    <>
      <ErrorSummary errors={summary} />
      <form onSubmit={onSubmit} noValidate className="app-plan-form" aria-label={review ? `Edit review ${review.code}` : 'Add a review'}>
        <h2 className="govuk-heading-m">About the review</h2>
        <TextInput
          id={IDS.code}
          name="code"
          label="Code"
          labelSize="s"
          hint="Unique in the partnership, for example SD-2022. Action references often start with it."
          className="govuk-input--width-20"
          spellCheck={false}
          autoComplete="off"
          maxLength={LIMITS.code}
          value={values.code}
          onChange={(event) => set('code', event.target.value)}
          error={errorOf('code')}
        />
        <Select
          id={IDS.type}
          name="type"
          label="Type of review"
          labelSize="s"
          options={[...(values.type === '' ? [{ value: '', label: 'Select the type' }] : []), ...REVIEW_TYPES.map((type) => ({ value: type, label: LABELS.reviewType[type] }))]}
          value={values.type}
          onChange={(event) => set('type', event.target.value as ReviewType)}
          error={errorOf('type')}
        />
        <TextInput
          id={IDS.childPseudonym}
          name="childPseudonym"
          label="Child’s pseudonym"
          labelSize="s"
          hint="As the review names the child, for example SD, Ross or Child R. Never the child’s real name."
          className="govuk-input--width-20"
          autoComplete="off"
          spellCheck={false}
          value={values.childPseudonym}
          onChange={(event) => set('childPseudonym', event.target.value)}
          error={errorOf('childPseudonym')}
        />
        <TextInput
          id={IDS.title}
          name="title"
          label="Title"
          labelSize="s"
          hint="For example, Local child safeguarding practice review: SD"
          autoComplete="off"
          value={values.title}
          onChange={(event) => set('title', event.target.value)}
          error={errorOf('title')}
        />

        <h2 className="govuk-heading-m">Stage and key dates</h2>
        <Radios
          id={IDS.stage}
          name="stage"
          legend="Stage"
          legendSize="s"
          small
          options={REVIEW_STAGES.map((stage) => ({ value: stage, label: LABELS.reviewStage[stage] }))}
          value={values.stage}
          onChange={(stage) => set('stage', stage as ReviewStage)}
          error={errorOf('stage')}
        />
        {(['notifiedOn', 'rapidReviewOn', 'startedOn', 'completedOn', 'publishedOn'] as const).map((field) => (
          <DateInput
            key={field}
            id={IDS[field]}
            legend={`${REVIEW_FIELD_LABELS[field]} (optional)`}
            hint={DATE_HINT}
            value={values[field]}
            onChange={(date) => set(field, date)}
            error={errorOf(field)}
          />
        ))}
        <StageWarnings warnings={warnings} />

        <h2 className="govuk-heading-m">Oversight and themes</h2>
        <TextInput
          id={IDS.leadReviewer}
          name="leadReviewer"
          label="Lead reviewer (optional)"
          labelSize="s"
          hint="The independent reviewer or author"
          autoComplete="off"
          value={values.leadReviewer}
          onChange={(event) => set('leadReviewer', event.target.value)}
          error={errorOf('leadReviewer')}
        />
        <Select
          id={IDS.subgroupId}
          name="subgroupId"
          label="Subgroup overseeing the plan (optional)"
          labelSize="s"
          options={[{ value: '', label: 'None' }, ...subgroups.map((subgroup) => ({ value: String(subgroup.id), label: subgroup.name }))]}
          value={values.subgroupId}
          onChange={(event) => set('subgroupId', event.target.value)}
          error={errorOf('subgroupId')}
        />
        {themes.length > 0 ? (
          <div className="app-plan-form__choices">
            <CheckboxGroup
              id={IDS.themeIds}
              name="themeIds"
              legend="Themes (optional)"
              legendSize="s"
              hint="What the review found that recurs across reviews. Select all that apply."
              small
              options={themes.map((theme) => ({ value: String(theme.id), label: theme.name }))}
              values={values.themeIds}
              onChange={(themeIds) => set('themeIds', themeIds)}
              error={errorOf('themeIds')}
            />
          </div>
        ) : null}
        <Textarea
          id={IDS.summary}
          name="summary"
          label="Summary (optional)"
          labelSize="s"
          hint="A few lines on the case and what the review found"
          rows={6}
          value={values.summary}
          onChange={(event) => set('summary', event.target.value)}
          error={errorOf('summary')}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={pending} aria-disabled={pending}>
            {pending ? 'Saving…' : review ? 'Save changes' : 'Add review'}
          </button>
          <Link className="govuk-link" to={cancelTo}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

/** A field's value in words, for comparing versions. */
function shown(field: ReviewField, fields: ReviewFields, subgroups: readonly Subgroup[], themes: readonly Theme[]): ReactNode {
  switch (field) {
    case 'type':
      return fields.type ? LABELS.reviewType[fields.type] : 'Not set';
    case 'stage':
      return LABELS.reviewStage[fields.stage];
    case 'notifiedOn':
    case 'rapidReviewOn':
    case 'startedOn':
    case 'completedOn':
    case 'publishedOn':
      return formatDate(fields[field], 'Not recorded');
    case 'subgroupId':
      return fields.subgroupId === null ? 'None' : (subgroups.find((s) => s.id === fields.subgroupId)?.name ?? `Subgroup ${fields.subgroupId}`);
    case 'themeIds':
      return fields.themeIds.length > 0 ? fields.themeIds.map((id) => themes.find((theme) => theme.id === id)?.name ?? `Theme ${id}`).join(', ') : 'None';
    default: {
      const text = fields[field];
      return text ? <span className="app-pre-wrap">{text}</span> : 'Empty';
    }
  }
}
