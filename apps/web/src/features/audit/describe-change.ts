import type { AuditEvent } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';
import { formatDate } from '@/lib/format';

/** Names for the ids an action refers to. */
export interface ChangeContext {
  agencies: ReadonlyMap<number, { name: string }>;
  subgroups: ReadonlyMap<number, { name: string }>;
  themes: ReadonlyMap<number, { name: string }>;
  recommendations: ReadonlyMap<number, { number: number }>;
}

/** What an action's fields are called on its page. */
const ACTION_FIELDS: Record<string, string> = {
  ref: 'Reference',
  reviewId: 'Review',
  recommendationId: 'Recommendation',
  kind: 'Kind',
  ownerAgencyId: 'Owner agency',
  partnerAgencyIds: 'Partner agencies',
  learningNeed: 'Identified learning need',
  action: 'Action to be taken',
  successMeasure: 'Measure of success',
  targetDate: 'Target date',
  status: 'Status',
  latestConfidence: 'Latest confidence',
  evidenceOfImpact: 'Evidence of impact',
  withdrawnReason: 'Reason for withdrawal',
  themeIds: 'Themes',
  subgroupId: 'Subgroup',
};

/** Bookkeeping the page shows elsewhere (the note is in the progress timeline), not changes a person made. */
const NOT_SHOWN = new Set(['id', 'version', 'createdAt', 'updatedAt', 'lastUpdateAt', 'progressUpdateId', 'note']);

const TEXT_LIMIT = 200;

const OPERATION_TITLES: Record<string, string> = {
  create: 'Action added',
  update: 'Details changed',
  progress_update: 'Progress update posted',
};

/** `dueSoonFlag` → "Due soon flag", `sessions_revoked` → "Sessions revoked": for names this page does not know yet. */
const humanise = (field: string) => {
  const words = field
    .replace(/Ids?$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

const quote = (text: string) => `“${text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT).trimEnd()}…` : text}”`;

const nameOf = (lookup: ReadonlyMap<number, { name: string }>, id: unknown, kind: string) =>
  typeof id === 'number' ? (lookup.get(id)?.name ?? `${kind} ${id}`) : String(id);

/** A field's value in words: labels for codes, names for ids, dates as dates, text in quotes. */
export function describeValue(field: string, value: unknown, context: ChangeContext): string {
  if (isEmpty(value)) return 'none';
  const list = (kind: string, lookup: ReadonlyMap<number, { name: string }>) =>
    (Array.isArray(value) ? value : [value]).map((id) => nameOf(lookup, id, kind)).join(', ');
  switch (field) {
    case 'status':
      return LABELS.actionStatus[value as keyof typeof LABELS.actionStatus] ?? String(value);
    case 'latestConfidence':
      return LABELS.confidence[value as keyof typeof LABELS.confidence] ?? String(value);
    case 'kind':
      return LABELS.actionKind[value as keyof typeof LABELS.actionKind] ?? String(value);
    case 'targetDate':
      return formatDate(String(value));
    case 'ownerAgencyId':
    case 'partnerAgencyIds':
      return list('Agency', context.agencies);
    case 'subgroupId':
      return list('Subgroup', context.subgroups);
    case 'themeIds':
      return list('Theme', context.themes);
    case 'recommendationId': {
      const recommendation = typeof value === 'number' ? context.recommendations.get(value) : undefined;
      return recommendation ? `recommendation ${recommendation.number}` : `recommendation (id ${String(value)})`;
    }
    default:
      if (typeof value === 'string') return quote(value);
      if (typeof value === 'boolean') return value ? 'yes' : 'no';
      if (typeof value === 'number') return String(value);
      return quote(JSON.stringify(value));
  }
}

/** One changed field in words: "Status changed from Not started to In progress". */
export function describeFieldChange(field: string, before: unknown, after: unknown, context: ChangeContext): string {
  const label = ACTION_FIELDS[field] ?? humanise(field);
  if (isEmpty(before)) return `${label} set to ${describeValue(field, after, context)}`;
  if (isEmpty(after)) return `${label} removed (was ${describeValue(field, before, context)})`;
  return `${label} changed from ${describeValue(field, before, context)} to ${describeValue(field, after, context)}`;
}

/** What an entry of the action's history was, and who it spoke for: its kind, who posted it as what, its agency. */
const HISTORY_ENTRY_FIELDS = new Set(['kind', 'postedAs', 'agencyId']);

/** A history entry's title: a comment, or the business unit's progress update on an agency's behalf, says so. */
function progressUpdateTitle(after: Record<string, unknown>, context: ChangeContext): string {
  if (after.kind === 'comment') {
    return after.postedAs === 'subgroup_chair'
      ? 'Comment from the subgroup chair'
      : after.postedAs === 'business_unit'
        ? 'Comment from the business unit'
        : 'Comment posted';
  }
  if (after.kind === 'progress' && after.postedAs === 'business_unit' && typeof after.agencyId === 'number') {
    return `Progress update posted on behalf of ${nameOf(context.agencies, after.agencyId, 'Agency')}`;
  }
  return OPERATION_TITLES.progress_update!;
}

/** An audit event of an action in words: a title and what changed, field by field. */
export function describeActionEvent(event: AuditEvent, context: ChangeContext): { title: string; changes: string[] } {
  const entry = event.operation === 'progress_update';
  const title = entry ? progressUpdateTitle(event.after ?? {}, context) : (OPERATION_TITLES[event.operation] ?? humanise(event.operation));
  // An action's creation records the whole action; its page shows that already.
  if (event.operation === 'create') return { title, changes: [] };
  const before = event.before ?? {};
  const after = event.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((field) => !NOT_SHOWN.has(field) && !(entry && HISTORY_ENTRY_FIELDS.has(field)))
    .sort((a, b) => fieldRank(a) - fieldRank(b));
  const changes = fields
    .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
    .map((field) => describeFieldChange(field, before[field], after[field], context));
  return { title, changes };
}

const FIELD_ORDER = Object.keys(ACTION_FIELDS);
const fieldRank = (field: string) => {
  const index = FIELD_ORDER.indexOf(field);
  return index === -1 ? FIELD_ORDER.length : index;
};
