import type { LearningPoint } from '@lrt/contracts';
import { TextInput, Textarea } from '@/components/form-fields';
import { useCreateLearningPoint } from '../api/create-learning-point';
import { usePatchLearningPoint } from '../api/patch-learning-point';
import { InPlaceForm } from './in-place-form';
import { useInPlaceForm } from './use-in-place-form';

interface Values {
  title: string;
  description: string;
  /** As typed; '' for the next free number. */
  number: string;
}

type Field = keyof Values;
const LABELS: Record<Field, string> = { title: 'Title', description: 'Description', number: 'Number' };
const FIELDS = Object.keys(LABELS) as Field[];

const valuesOf = (point: LearningPoint): Values => ({ title: point.title, description: point.description, number: String(point.number) });
const empty = (): Values => ({ title: '', description: '', number: '' });

/** Every field when adding; only what changed when changing `onto` (sent as typed: the API trims it). */
function bodyOf(values: Values, onto: LearningPoint | null) {
  if (!onto) return { body: { title: values.title, description: values.description } };
  const body: Record<string, unknown> = {};
  if (values.title.trim() !== onto.title) body.title = values.title;
  if (values.description.trim() !== onto.description) body.description = values.description;
  return { body };
}

/**
 * Adds a learning point to a review (`point` null) or changes one, in place on the review page; `onClose` is told
 * what was saved, if anything, so the list can put focus back where it was.
 */
export function LearningPointForm({
  reviewId,
  point,
  nextNumber,
  onClose,
}: {
  reviewId: number;
  point: LearningPoint | null;
  /** The number a new point gets if the person leaves it as it is. */
  nextNumber: number;
  onClose: (saved: LearningPoint | null) => void;
}) {
  const form = useInPlaceForm({
    noun: 'learning point',
    item: point,
    nextNumber,
    labels: LABELS,
    messages: { title: { too_small: 'Enter a title for the learning point' } },
    firstField: 'title',
    empty,
    valuesOf,
    bodyOf,
    schemas: (contracts) => ({ create: contracts.LearningPointCreate, patch: contracts.LearningPointPatch }),
    create: useCreateLearningPoint(reviewId),
    patch: usePatchLearningPoint(reviewId),
    onClose,
  });
  const { id, values, set, errorOf } = form;

  return (
    <InPlaceForm
      form={form}
      conflictRows={(conflict) => {
        const saved = valuesOf(conflict);
        return FIELDS.map((field) => ({
          label: LABELS[field],
          current: saved[field] || 'Empty',
          yours: values[field] || 'Empty',
          differs: saved[field].trim() !== values[field].trim(),
        }));
      }}
    >
      <TextInput
        id={id('title')}
        name="title"
        label="Title"
        labelSize="s"
        hint="The learning point or finding, in a line"
        autoComplete="off"
        value={values.title}
        onChange={(event) => set('title', event.target.value)}
        error={errorOf('title')}
      />
      <Textarea
        id={id('description')}
        name="description"
        label="Description (optional)"
        labelSize="s"
        hint="What the review found, as it says it"
        rows={5}
        value={values.description}
        onChange={(event) => set('description', event.target.value)}
        error={errorOf('description')}
      />
    </InPlaceForm>
  );
}
