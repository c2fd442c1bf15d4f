import type { z } from 'zod';
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { SummaryError } from '@/components/error-summary';
import { loadContracts, usePreloadContracts } from '@/features/admin/contracts';
import { errorAt, isVersionConflict, serverFormErrors, toFormErrors, toSummary, zodIssues, type FieldSpec, type FormError } from '@/features/admin/form-errors';
import { isApiError } from '@/lib/api-client';
import { numberFrom, NUMBER_MESSAGES } from '../plan-numbers';
import type { SaveIntent } from './plan-form-buttons';

type Contracts = Awaited<ReturnType<typeof loadContracts>>;
type Issue = { path: string; message: string };

/** A numbered item of a review's plan: a learning point or a recommendation. */
export interface PlanItem {
  id: number;
  number: number;
  version: number;
}

/** Every plan form has a number box, as typed; '' for the next free number. */
export interface PlanItemValues {
  number: string;
}

interface Mutation<Variables, T> {
  mutateAsync: (variables: Variables) => Promise<T>;
  isPending: boolean;
}

export interface InPlaceFormOptions<T extends PlanItem, V extends PlanItemValues, Create, Patch> {
  /** "learning point": in the heading, the buttons, the announcements, the messages and the fields' ids. */
  noun: string;
  /** The item being changed, or null to add one. */
  item: T | null;
  /** The number a new item gets if the person leaves the box as it is. */
  nextNumber: number;
  /** Each field's name, in page order (the order errors are listed in). */
  labels: Record<keyof V & string, string>;
  /** Messages that replace the schema's, by field and zod issue code; the number's are added here. */
  messages?: Partial<Record<keyof V & string, Partial<Record<string, string>>>>;
  /** The field the person starts in, and goes back to after "Save and add another". */
  firstField: keyof V & string;
  /** An empty form, for adding. */
  empty: () => V;
  valuesOf: (item: T) => V;
  /**
   * The request body without `version` and `number`, which are added here: every field when adding, only what
   * differs from `onto` when changing it. `errors` are what the form can tell before any schema (a missing choice).
   */
  bodyOf: (values: V, onto: T | null) => { body: Record<string, unknown>; errors?: Issue[] };
  schemas: (contracts: Contracts) => { create: z.ZodType<Create>; patch: z.ZodType<Patch> };
  create: Mutation<Create, T>;
  patch: Mutation<{ id: number; body: Patch }, T>;
  /** Told what was saved, if anything, so the list can say so and put focus back where it was. */
  onClose: (saved: T | null) => void;
}

/** What a plan form holds, for its fields and for `InPlaceForm` to draw the rest. */
export interface InPlaceFormState<T extends PlanItem, V extends PlanItemValues> {
  noun: string;
  item: T | null;
  /** The id of a field's input, unique on the page since several forms can be open at once. */
  id: (field: keyof V & string) => string;
  headingId: string;
  values: V;
  set: <K extends keyof V>(field: K, value: V[K]) => void;
  errorOf: (field: keyof V & string) => string | undefined;
  summary: SummaryError[];
  pending: boolean;
  /** "Learning point 3 has been added…", after "Save and add another". */
  added: string | null;
  intent: RefObject<SaveIntent>;
  /** The number box shows the next free number until the person types one. */
  shownNumber: string;
  typeNumber: (text: string) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  /** What someone else saved first, when a change was refused for it. */
  conflict: T | null;
  reapply: () => void;
  discard: () => void;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Adding a learning point or recommendation to a review, or changing one, in place on the review page. Adding keeps
 * the form open for the next one ("Save and add another"), since a plan is usually typed in from a document item by
 * item. The form is checked against the shared schema before sending; a change refused because someone else saved
 * first shows what is saved now, to send again on top of it or to take.
 */
export function useInPlaceForm<T extends PlanItem, V extends PlanItemValues, Create, Patch>({
  noun,
  item,
  nextNumber,
  labels,
  messages = {},
  firstField,
  empty,
  valuesOf,
  bodyOf,
  schemas,
  create,
  patch,
  onClose,
}: InPlaceFormOptions<T, V, Create, Patch>): InPlaceFormState<T, V> {
  const prefix = `${noun.replaceAll(' ', '-')}-${item ? String(item.id) : 'new'}`;
  const id = (field: keyof V & string) => `${prefix}-${field}`;
  const fieldMessages: Partial<Record<string, Partial<Record<string, string>>>> = { ...messages, number: NUMBER_MESSAGES };
  const specs: FieldSpec[] = (Object.keys(labels) as (keyof V & string)[]).map((field) => ({
    path: field,
    fieldId: id(field),
    label: labels[field],
    messages: fieldMessages[field] ?? {},
  }));
  /** The version a change is sent onto: the one that was shown, or the one a conflict showed. */
  const [base, setBase] = useState<T | null>(item);
  const [values, setValues] = useState<V>(() => (item ? valuesOf(item) : empty()));
  /** Until the person types a number, a new item takes the next free one (the box shows which). */
  const [numberTouched, setNumberTouched] = useState(item !== null);
  const [lastAdded, setLastAdded] = useState(0);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [conflict, setConflict] = useState<T | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const intent = useRef<SaveIntent>('another');
  usePreloadContracts();
  const focusFirst = () => document.getElementById(id(firstField))?.focus();
  // The form opens where the person was: start them in its first field.
  useEffect(focusFirst, []);

  const summary = useMemo(() => toSummary(errors), [errors]);
  const set = <K extends keyof V>(field: K, value: V[K]) => setValues((current) => ({ ...current, [field]: value }));

  const submit = async (onto: T | null, formValues: V, sendNumber: boolean) => {
    const read = bodyOf(formValues, onto);
    const number = sendNumber ? numberFrom(formValues.number) : { value: undefined };
    const body: Record<string, unknown> = onto ? { version: onto.version, ...read.body } : { ...read.body };
    if (number.value !== undefined && number.value !== onto?.number) body.number = number.value;
    const contracts = await loadContracts();
    const schema = schemas(contracts);
    const parsed = onto ? schema.patch.safeParse(body) : schema.create.safeParse(body);
    const issues = [...(read.errors ?? []), ...(number.error ? [{ path: 'number', message: number.error }] : []), ...(parsed.success ? [] : zodIssues(parsed.error))];
    if (issues.length > 0 || !parsed.success) {
      setErrors(toFormErrors(issues, specs));
      return;
    }
    // Nothing changed but the version: nothing to send.
    if (onto && Object.keys(body).length === 1) {
      setErrors([]);
      onClose(null);
      return;
    }
    try {
      const saved = onto ? await patch.mutateAsync({ id: onto.id, body: parsed.data as Patch }) : await create.mutateAsync(parsed.data as Create);
      setErrors([]);
      if (!onto && intent.current === 'another') {
        setValues(empty());
        setNumberTouched(false);
        setLastAdded((previous) => Math.max(previous, saved.number));
        setAdded(`${capitalised(noun)} ${saved.number} has been added. Add the next one, or close the form.`);
        focusFirst();
        return;
      }
      onClose(saved);
    } catch (error) {
      if (onto && isVersionConflict(error) && isApiError(error) && error.problem.current) {
        setErrors([]);
        setConflict(error.problem.current as T);
        return;
      }
      setErrors(serverFormErrors(error, specs, `The ${noun} could not be saved. Try again.`));
    } finally {
      // Enter in a field means "Save and add another": the intent a button set lasts one press.
      intent.current = 'another';
    }
  };

  return {
    noun,
    item,
    id,
    headingId: `${prefix}-heading`,
    values,
    set,
    errorOf: (field) => errorAt(errors, id(field)),
    summary,
    pending: create.isPending || patch.isPending,
    added,
    intent,
    shownNumber: numberTouched ? values.number : String(Math.max(nextNumber, lastAdded + 1)),
    typeNumber: (text) => {
      setNumberTouched(true);
      setValues((current) => ({ ...current, number: text }));
    },
    onSubmit: (event) => {
      event.preventDefault();
      setAdded(null);
      void submit(base, values, numberTouched);
    },
    onCancel: () => onClose(null),
    conflict,
    reapply: () => {
      if (!conflict) return;
      setBase(conflict);
      setConflict(null);
      void submit(conflict, values, true);
    },
    discard: () => {
      if (!conflict) return;
      setBase(conflict);
      setValues(valuesOf(conflict));
      setConflict(null);
    },
  };
}
