import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { DataTable, type Column } from '@/components/data-table';
import { ErrorSummary } from '@/components/error-summary';
import { Radios, Select, TextInput, Textarea, type Option } from '@/components/form-fields';
import { SuccessBanner } from '@/components/notification-banner';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { isApiError } from '@/lib/api-client';
import { useDocumentTitle } from '@/lib/use-document-title';
import { errorAt, isVersionConflict, serverFormErrors, toFormErrors, toSummary, zodIssues, type FieldSpec, type FormError } from '../form-errors';
import { usePreloadContracts } from '../contracts';
import { AdminAccess } from './admin-access';
import { AdminBreadcrumbs } from './admin-breadcrumbs';
import { VersionConflict } from './version-conflict';

/**
 * Agencies, subgroups and themes are catalogues: named things the plans refer to, listed by name, added and
 * changed by the business unit. One page serves all three: the list with a "Change" link on each row, a form
 * to add one under it, and the change form as a view of the same page (`?edit=<id>`, so Back works).
 */

export interface CatalogueItem {
  id: number;
  name: string;
  version: number;
}

export interface CatalogueField {
  /** The property of the item and of the request body. */
  name: string;
  label: string;
  hint?: ReactNode;
  type: 'text' | 'textarea' | 'select' | 'active';
  /** For `select`: the choices (a "Select…" choice is added first when adding). */
  options?: readonly Option[];
  /** e.g. `govuk-input--width-10` for a short name. */
  inputClassName?: string;
  /** Messages that replace the schema's, by zod issue code. */
  messages?: Partial<Record<string, string>>;
  /** Shown only when changing an existing item (an agency is added active, say). */
  editOnly?: boolean;
  /** May be left empty: its label says so, and an empty value is sent as `null` (nothing named yet). */
  optional?: boolean;
  /** For `text`: an email address (the phone keyboard with @, no spelling checks). */
  email?: boolean;
}

type Values = Record<string, string>;

export interface CatalogueSave<Item> {
  create: (body: unknown) => Promise<Item>;
  patch: (id: number, body: unknown) => Promise<Item>;
  pending: boolean;
}

export interface CatalogueConfig<Item extends CatalogueItem> {
  /** "agency" */
  noun: string;
  /** "an agency" */
  aNoun: string;
  /** "Agencies": the page's heading and the breadcrumb. */
  title: string;
  path: string;
  intro: ReactNode;
  fields: readonly CatalogueField[];
  /** The table's columns after the name. */
  columns: readonly Column<Item>[];
  emptyText: ReactNode;
  useItems: () => UseQueryResult<Item[]>;
  useSave: () => CatalogueSave<Item>;
  /** The shared schemas that check a new item and a change, loaded when the form is shown (see `../contracts`). */
  schemas: () => Promise<{ create: z.ZodType; patch: z.ZodType }>;
}

const ACTIVE_OPTIONS: readonly Option[] = [
  { value: 'true', label: 'Active' },
  { value: 'false', label: 'Inactive' },
];

function toValues<Item extends CatalogueItem>(fields: readonly CatalogueField[], item: Item | null): Values {
  const record = (item ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((field) => {
      if (field.type === 'active') return [field.name, record[field.name] === false ? 'false' : 'true'];
      const value = record[field.name];
      return [field.name, value === undefined || value === null ? '' : String(value)];
    }),
  );
}

function toBody(fields: readonly CatalogueField[], values: Values, mode: 'add' | 'edit') {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.editOnly && mode === 'add') continue;
    const value = values[field.name] ?? '';
    if (field.type === 'active') body[field.name] = value === 'true';
    else body[field.name] = field.optional && value.trim() === '' ? null : value;
  }
  return body;
}

/** A value as a person reads it, for the conflict panel. */
function shown(field: CatalogueField, value: string): string {
  if (field.type === 'active') return value === 'true' ? 'Active' : 'Inactive';
  if (field.type === 'select') return field.options?.find((option) => option.value === value)?.label ?? value;
  return value.trim() === '' ? '(empty)' : value;
}

export function CatalogueAdminPage<Item extends CatalogueItem>({ config }: { config: CatalogueConfig<Item> }) {
  return (
    <AdminAccess capability="manageReferenceData">
      <Catalogue config={config} />
    </AdminAccess>
  );
}

function Catalogue<Item extends CatalogueItem>({ config }: { config: CatalogueConfig<Item> }) {
  const [params, setParams] = useSearchParams();
  const [banner, setBanner] = useState<string | null>(null);
  const items = config.useItems();
  const editParam = params.get('edit');
  const editId = editParam && /^\d+$/.test(editParam) ? Number(editParam) : null;

  const backToList = (message: string | null) => {
    setBanner(message);
    setParams({});
  };

  if (editParam !== null) {
    const item = editId === null ? undefined : items.data?.find((candidate) => candidate.id === editId);
    return (
      <>
        <AdminBreadcrumbs trail={[{ to: config.path, label: config.title }]} />
        {items.isPending ? (
          <Loading label={`Loading the ${config.noun}`} />
        ) : items.isError ? (
          <ErrorState error={items.error} onRetry={() => void items.refetch()} />
        ) : item ? (
          <EditView key={item.id} config={config} item={item} onDone={backToList} />
        ) : (
          <NotFound config={config} />
        )}
      </>
    );
  }

  return <ListView config={config} items={items} banner={banner} onAdded={(item) => setBanner(`${item.name} has been added`)} />;
}

function NotFound<Item extends CatalogueItem>({ config }: { config: CatalogueConfig<Item> }) {
  useDocumentTitle(`${config.title}: not found`);
  return (
    <>
      <h1 className="govuk-heading-l">There is no such {config.noun}</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to={config.path}>
          Go back to the list of {config.title.toLowerCase()}
        </Link>
      </p>
    </>
  );
}

function ListView<Item extends CatalogueItem>({
  config,
  items,
  banner,
  onAdded,
}: {
  config: CatalogueConfig<Item>;
  items: UseQueryResult<Item[]>;
  banner: string | null;
  onAdded: (item: Item) => void;
}) {
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle(config.title, { hasErrors });

  const columns: Column<Item>[] = [
    { key: 'name', header: 'Name', rowHeader: true, cell: (item) => item.name },
    ...config.columns,
    {
      key: 'change',
      header: <span className="govuk-visually-hidden">Change</span>,
      cell: (item) => (
        <Link className="govuk-link" to={`${config.path}?edit=${item.id}`}>
          Change <span className="govuk-visually-hidden">{item.name}</span>
        </Link>
      ),
    },
  ];

  return (
    <>
      <AdminBreadcrumbs trail={[]} />
      {banner ? <SuccessBanner heading={banner} /> : null}
      <h1 className="govuk-heading-l">{config.title}</h1>
      <div className="govuk-body-l">{config.intro}</div>
      {items.isPending ? (
        <Loading label={`Loading ${config.title.toLowerCase()}`} />
      ) : items.isError ? (
        <ErrorState error={items.error} onRetry={() => void items.refetch()} />
      ) : items.data.length === 0 ? (
        <EmptyState title={`There are no ${config.title.toLowerCase()} yet`}>{config.emptyText}</EmptyState>
      ) : (
        <DataTable
          caption={`${config.title} (${items.data.length})`}
          columns={columns}
          rows={items.data}
          rowKey={(item) => item.id}
        />
      )}
      <CatalogueForm config={config} item={null} onSaved={onAdded} onErrorsChange={setHasErrors} />
    </>
  );
}

function EditView<Item extends CatalogueItem>({
  config,
  item,
  onDone,
}: {
  config: CatalogueConfig<Item>;
  item: Item;
  onDone: (message: string | null) => void;
}) {
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle(`Change ${item.name}`, { hasErrors });
  const heading = useRef<HTMLHeadingElement>(null);
  // This view replaces the list without a change of page: start keyboard and screen reader users at its heading.
  useEffect(() => heading.current?.focus(), []);

  return (
    <>
      <h1 className="govuk-heading-l" tabIndex={-1} ref={heading}>
        <span className="govuk-caption-l">Change {config.aNoun}</span>
        {item.name}
      </h1>
      <CatalogueForm
        config={config}
        item={item}
        onSaved={(saved) => onDone(`${saved.name} has been saved`)}
        onErrorsChange={setHasErrors}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to={config.path} onClick={() => onDone(null)}>
          Cancel and go back to {config.title.toLowerCase()}
        </Link>
      </p>
    </>
  );
}

interface CatalogueFormProps<Item extends CatalogueItem> {
  config: CatalogueConfig<Item>;
  /** `null` to add one. */
  item: Item | null;
  onSaved: (item: Item) => void;
  onErrorsChange: (hasErrors: boolean) => void;
}

function CatalogueForm<Item extends CatalogueItem>({ config, item, onSaved, onErrorsChange }: CatalogueFormProps<Item>) {
  const mode = item ? 'edit' : 'add';
  const fields = config.fields.filter((field) => mode === 'edit' || !field.editOnly);
  const [values, setValues] = useState<Values>(() => toValues(fields, item));
  /** The version this form changes: the one loaded, or the one someone else saved if this person re-applies. */
  const [base, setBase] = useState<Item | null>(item);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [conflict, setConflict] = useState<Item | null>(null);
  const save = config.useSave();
  usePreloadContracts();

  useEffect(() => onErrorsChange(errors.length > 0), [errors, onErrorsChange]);

  const fieldId = (name: string) => `${config.noun}-${mode}-${name}`;
  const specs: FieldSpec[] = fields.map((field) => ({
    path: field.name,
    fieldId: fieldId(field.name),
    label: field.label,
    ...(field.messages ? { messages: field.messages } : {}),
  }));
  const summary = useMemo(() => toSummary(errors), [errors]);

  const submit = async (onto: Item | null) => {
    const body = toBody(fields, values, mode);
    const schemas = await config.schemas();
    const parsed = onto ? schemas.patch.safeParse({ version: onto.version, ...body }) : schemas.create.safeParse(body);
    if (!parsed.success) {
      setErrors(toFormErrors(zodIssues(parsed.error), specs));
      return;
    }
    try {
      const saved = onto ? await save.patch(onto.id, parsed.data) : await save.create(parsed.data);
      setErrors([]);
      setConflict(null);
      if (!onto) setValues(toValues(fields, null));
      onSaved(saved);
    } catch (error) {
      if (isVersionConflict(error) && isApiError(error) && error.problem.current) {
        const current = error.problem.current as Item;
        // Keep what this person changed; take everything else as it is saved now, so that re-applying does not
        // undo someone else's change to a field this person never touched.
        const loaded = toValues(fields, onto);
        const saved = toValues(fields, current);
        setValues(Object.fromEntries(fields.map((field) => [field.name, values[field.name] !== loaded[field.name] ? values[field.name] : saved[field.name]])) as Values);
        setErrors([]);
        setConflict(current);
        return;
      }
      setErrors(serverFormErrors(error, specs, `The ${config.noun} could not be saved. Try again.`));
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(base);
  };

  const set = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const headingId = `${config.noun}-${mode}-heading`;

  return (
    <>
      {conflict ? (
        <VersionConflict
          subject={`this ${config.noun}`}
          pending={save.pending}
          rows={fields.map((field) => {
            const saved = toValues(fields, conflict)[field.name] ?? '';
            const yours = values[field.name] ?? '';
            return { label: field.label, current: shown(field, saved), yours: shown(field, yours), differs: saved.trim() !== yours.trim() };
          })}
          onReapply={() => {
            setBase(conflict);
            void submit(conflict);
          }}
          onDiscard={() => {
            setBase(conflict);
            setValues(toValues(fields, conflict));
            setConflict(null);
          }}
        />
      ) : null}
      <ErrorSummary errors={summary} />
      <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
        <h2 className={mode === 'add' ? 'govuk-heading-m' : 'govuk-visually-hidden'} id={headingId}>
          {mode === 'add' ? `Add ${config.aNoun}` : `Change ${base?.name ?? config.noun}`}
        </h2>
        {fields.map((field) => {
          const id = fieldId(field.name);
          const label = field.optional ? `${field.label} (optional)` : field.label;
          const common = { id, name: field.name, label, hint: field.hint, error: errorAt(errors, id) };
          switch (field.type) {
            case 'textarea':
              return (
                <Textarea key={field.name} {...common} rows={3} value={values[field.name]} onChange={(event) => set(field.name, event.target.value)} />
              );
            case 'select':
              return (
                <Select
                  key={field.name}
                  {...common}
                  options={[{ value: '', label: `Select ${field.label.toLowerCase()}` }, ...(field.options ?? [])]}
                  value={values[field.name]}
                  onChange={(event) => set(field.name, event.target.value)}
                />
              );
            case 'active':
              return (
                <Radios
                  key={field.name}
                  id={id}
                  name={`${config.noun}-${mode}-${field.name}`}
                  legend={field.label}
                  legendSize="s"
                  hint={field.hint}
                  error={errorAt(errors, id)}
                  options={ACTIVE_OPTIONS}
                  value={values[field.name]}
                  onChange={(value) => set(field.name, value)}
                  small
                />
              );
            default:
              return (
                <TextInput
                  key={field.name}
                  {...common}
                  className={field.inputClassName}
                  spellCheck={false}
                  {...(field.email ? { type: 'email', autoComplete: 'off' } : {})}
                  value={values[field.name]}
                  onChange={(event) => set(field.name, event.target.value)}
                />
              );
          }
        })}
        <button type="submit" className="govuk-button" disabled={save.pending} aria-disabled={save.pending}>
          {save.pending ? 'Saving…' : mode === 'add' ? `Add ${config.noun}` : 'Save changes'}
        </button>
      </form>
    </>
  );
}
