import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  ActionCreate,
  type AgencyKind,
  IMPORT_FIELD_LABELS,
  LABELS,
  type Action,
  type ActionPatch,
  type ActionStatus,
  type Confidence,
  type ImportAgencyMatch,
  type ImportCommitResult,
  type ImportField,
  type ImportMapping,
  type ImportMessage,
  type ImportPatch,
  type ImportPreview,
  type ImportRow,
} from '@lrt/contracts';
import {
  actions,
  agencies,
  imports,
  learningPoints,
  recommendationLearningPoints,
  first,
  recommendations,
  reviews,
  savepoint,
  subgroups,
  themes,
  writeTransaction,
  type Db,
  type Tx,
} from '@lrt/db';
import { recordAudit, type Actor } from '../../lib/audit';
import { notFound, ProblemError, unprocessable } from '../../plugins/problems';
import type { PlanClock } from '../settings/settings.service';
import { countActionsOf, createActionIn, getAction, patchActionIn, type ReviewActionCount } from '../actions/actions.service';
import { postProgressUpdateIn } from '../progress-updates/progress-updates.service';
import type { MailContext } from '../chase/chase.service';
import { agencyService } from '../agencies/agencies.routes';
import {
  confidenceOfBrag,
  keyOf,
  normaliseWords,
  readBrag,
  readConfidence,
  readDate,
  readEvidenceLinks,
  readKind,
  readNumber,
  readStatus,
  readVersion,
  splitNames,
  type Reading,
} from './cell-values';
import { checkMapping, completeMapping, guessMapping } from './column-mapping';
import { matchAgencyName, type KnownAgency } from './agency-matching';
import type { Sheet } from './read-sheet';

/**
 * Bringing a spreadsheet plan into a review. The preview is the commit run inside a transaction that is rolled
 * back: every row goes through the same commands as the API (createActionIn, patchActionIn,
 * postProgressUpdateIn, the agency catalogue's createIn), each in a savepoint so one refused row does not hide
 * the next. What the preview shows is what those commands did; nothing here restates their rules.
 */

type ImportRecord = typeof imports.$inferSelect;

const SAMPLE_VALUES = 3;
/** Text longer than this is cut in the preview (the commit saves it whole). */
const PREVIEW_TEXT = 400;

const clip = (text: string) => (text.length > PREVIEW_TEXT ? `${text.slice(0, PREVIEW_TEXT - 1)}…` : text);

async function findImport(db: Db | Tx, id: number): Promise<ImportRecord> {
  const record = await first(db.select().from(imports).where(eq(imports.id, id)));
  if (!record) throw notFound('import', id);
  return record;
}

// ---- creating and correcting a draft ----------------------------------------------------------------------------

/** Saves the sheet as a draft import (the file is read before: nothing but the database runs in the transaction). */
export async function createImport(
  db: Db,
  input: { reviewId: number; fileName: string; sheet: Sheet },
  clock: PlanClock,
  actor: Actor,
  mail: MailContext,
): Promise<ImportPreview> {
  const { sheet } = input;
  const record = await writeTransaction(db, async (tx) => {
    const review = await first(tx.select({ id: reviews.id }).from(reviews).where(eq(reviews.id, input.reviewId)));
    if (!review) throw unprocessable('validation.unknown_reference', [{ path: 'reviewId', message: `no review with id ${input.reviewId}` }]);
    const [saved] = await tx
      .insert(imports)
      .values({
        reviewId: input.reviewId,
        createdAt: clock.now.toISOString(),
        createdByUserId: actor.id,
        createdByName: actor.name,
        fileName: input.fileName,
        format: sheet.format,
        sheetName: sheet.sheetName,
        headerRow: sheet.headerRow,
        headings: sheet.headings,
        cells: sheet.rows,
        readWarnings: sheet.warnings,
        mapping: guessMapping(sheet.headings),
      })
      .returning();
    return saved!;
  });
  return previewImport(db, record.id, clock, actor, mail);
}

export async function patchImport(db: Db, id: number, patch: ImportPatch, clock: PlanClock, actor: Actor, mail: MailContext): Promise<ImportPreview> {
  // Read, checked and saved in one transaction, so a commit of the same import cannot come between.
  await writeTransaction(db, async (tx) => {
    const record = await findImport(tx, id);
    refuseIfCommitted(record);
    const width = record.headings.length;
    const values: Partial<typeof imports.$inferInsert> = {};
    if (patch.mapping) {
      const problems = checkMapping(patch.mapping, width);
      if (problems.length > 0) throw unprocessable('import.invalid_mapping', problems.map((p) => ({ path: 'mapping', message: p.message })));
      values.mapping = completeMapping(patch.mapping, width);
    }
    if (patch.agencyMatches) {
      const byName = new Map(record.agencyMatches.map((m) => [keyOf(m.name), m]));
      const errors = [];
      for (const [index, match] of patch.agencyMatches.entries()) {
        if (match.agencyId && !(await first(tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, match.agencyId))))) {
          errors.push({ path: `agencyMatches.${index}.agencyId`, message: `no agency with id ${match.agencyId}` });
        }
        if (match.agencyId && match.create) errors.push({ path: `agencyMatches.${index}`, message: 'match the name to an agency or create one, not both' });
        byName.set(keyOf(match.name), { name: match.name, agencyId: match.agencyId ?? null, create: match.create ?? null });
      }
      if (errors.length > 0) throw unprocessable('import.invalid_agency_match', errors);
      values.agencyMatches = [...byName.values()];
    }
    if (patch.leaveOut) {
      const known = new Set(record.cells.map((row) => row.n));
      const unknown = patch.leaveOut.filter((n) => !known.has(n));
      if (unknown.length > 0) throw unprocessable('import.unknown_row', [{ path: 'leaveOut', message: `the sheet has no data row ${unknown.slice(0, 5).join(', ')}` }]);
      values.leaveOut = [...new Set(patch.leaveOut)].sort((a, b) => a - b);
    }
    if (Object.keys(values).length > 0) await tx.update(imports).set(values).where(eq(imports.id, id));
  });
  return previewImport(db, id, clock, actor, mail);
}

function refuseIfCommitted(record: ImportRecord) {
  if (record.state === 'committed') {
    throw new ProblemError(409, 'import.committed', 'Already imported', `This import was committed on ${record.committedAt?.slice(0, 10)}; upload the file again to import it again.`);
  }
}

// ---- preview and commit -----------------------------------------------------------------------------------------

class RolledBack<T> {
  constructor(readonly result: T) {}
}

export async function previewImport(db: Db, id: number, clock: PlanClock, actor: Actor, mail: MailContext): Promise<ImportPreview> {
  const record = await findImport(db, id);
  if (record.state === 'committed') return describe(record, committedOutcome(record));
  const plan = await runPlan(db, id, clock, actor, mail, 'preview');
  return describe(plan.record, plan.outcome);
}

export async function commitImport(db: Db, id: number, clock: PlanClock, actor: Actor, mail: MailContext): Promise<ImportCommitResult> {
  const { outcome } = await runPlan(db, id, clock, actor, mail, 'commit');
  if (!outcome.committed) {
    const blocked = outcome.rows.filter((row) => row.outcome === 'error' || row.outcome === 'conflict');
    const errors = [
      ...outcome.errors.map((e) => ({ path: e.field, message: e.message })),
      ...blocked.slice(0, 50).flatMap((row) =>
        row.outcome === 'conflict'
          ? [{ path: `rows.${row.rowNumber}`, message: row.errors[0]?.message ?? 'the action has changed since the file was exported' }]
          : row.errors.map((e) => ({ path: `rows.${row.rowNumber}.${e.field}`, message: e.message })),
      ),
    ];
    const sentence = blocked.length > 0 ? `${blocked.length} row${blocked.length === 1 ? ' has' : 's have'} errors or conflicts` : 'the mapping has problems';
    throw unprocessable('import.not_ready', errors, `Nothing was imported: ${sentence}. Correct them, or leave those rows out, and commit again.`);
  }
  return outcome.result;
}

interface PlanOutcome {
  rows: ImportRow[];
  agencies: ImportAgencyMatch[];
  errors: ImportMessage[];
  warnings: ImportMessage[];
  committed: boolean;
  result: ImportCommitResult;
}

interface PlanRun {
  record: ImportRecord;
  outcome: PlanOutcome;
}

function committedOutcome(record: ImportRecord): PlanOutcome {
  return { rows: [], agencies: [], errors: [], warnings: [], committed: true, result: record.result ?? { created: 0, updated: 0, agenciesCreated: 0 } };
}

function describe(record: ImportRecord, outcome: PlanOutcome): ImportPreview {
  const count = (o: ImportRow['outcome']) => outcome.rows.filter((row) => row.outcome === o).length;
  const blocked = count('error') + count('conflict');
  return {
    id: record.id,
    reviewId: record.reviewId,
    fileName: record.fileName,
    format: record.format,
    sheetName: record.sheetName,
    headerRow: record.headerRow,
    state: record.state,
    columns: record.headings.map((heading, index) => ({
      index,
      heading,
      samples: record.cells
        .map((row) => row.c[index] ?? '')
        .filter((cell) => cell !== '')
        .slice(0, SAMPLE_VALUES)
        .map((cell) => (cell.length > 120 ? `${cell.slice(0, 119)}…` : cell)),
    })),
    mapping: record.mapping as ImportMapping,
    agencies: outcome.agencies,
    rows: outcome.rows,
    errors: outcome.errors,
    warnings: outcome.warnings,
    counts: {
      rows: outcome.rows.length,
      create: record.state === 'committed' ? outcome.result.created : count('create'),
      update: record.state === 'committed' ? outcome.result.updated : count('update'),
      unchanged: count('unchanged'),
      conflict: count('conflict'),
      error: count('error'),
      leftOut: count('left_out'),
      warnings: outcome.rows.reduce((sum, row) => sum + row.warnings.length, 0) + outcome.warnings.length,
    },
    canCommit: record.state === 'draft' && outcome.errors.length === 0 && blocked === 0 && count('create') + count('update') > 0,
    createdAt: record.createdAt,
    createdBy: record.createdByName,
    committedAt: record.committedAt,
  };
}

/** The reference data a plan's cells are read against, loaded once per run. */
async function loadContext(tx: Tx, reviewId: number) {
  const review = await first(tx.select().from(reviews).where(eq(reviews.id, reviewId)));
  if (!review) throw notFound('review', reviewId);
  const agencyRows = await tx.select({ id: agencies.id, name: agencies.name, shortName: agencies.shortName, active: agencies.active }).from(agencies);
  const recommendationRows = await tx.select({ id: recommendations.id, number: recommendations.number }).from(recommendations).where(eq(recommendations.reviewId, reviewId));
  const pointRows = await tx
    .select({ number: learningPoints.number, recommendationId: recommendationLearningPoints.recommendationId })
    .from(learningPoints)
    .leftJoin(recommendationLearningPoints, eq(recommendationLearningPoints.learningPointId, learningPoints.id))
    .where(eq(learningPoints.reviewId, reviewId));
  const recommendationsOfPoint = new Map<number, number[]>();
  for (const row of pointRows) {
    const list = recommendationsOfPoint.get(row.number) ?? [];
    if (row.recommendationId !== null) list.push(row.recommendationId);
    recommendationsOfPoint.set(row.number, list);
  }
  return {
    review,
    agencies: agencyRows as KnownAgency[],
    recommendationByNumber: new Map(recommendationRows.map((r) => [r.number, r.id])),
    recommendationsOfPoint,
    themeByName: new Map((await tx.select({ id: themes.id, name: themes.name }).from(themes)).map((t) => [keyOf(t.name), t])),
    subgroupByName: new Map((await tx.select({ id: subgroups.id, name: subgroups.name }).from(subgroups)).map((s) => [keyOf(s.name), s])),
  };
}
type Context = Awaited<ReturnType<typeof loadContext>> & { agencyOfName: Map<string, number | null>; shortNameOf: Map<number, string> };

/** Where a command's refusal points, as the import's fields. */
const FIELD_OF_PATH: Record<string, ImportField | 'row'> = {
  ref: 'ref',
  ownerAgencyId: 'ownerAgency',
  partnerAgencyIds: 'partnerAgencies',
  themeIds: 'themes',
  subgroupId: 'subgroup',
  recommendationId: 'recommendation',
  kind: 'kind',
  learningNeed: 'learningNeed',
  action: 'action',
  successMeasure: 'successMeasure',
  targetDate: 'targetDate',
  targetDateReason: 'targetDateReason',
  'statusChange.to': 'status',
  evidence: 'evidence',
  evidenceOfImpact: 'evidenceOfImpact',
  reason: 'withdrawnReason',
  note: 'progressUpdate',
  confidence: 'confidence',
};
const fieldOfPath = (path: string) => FIELD_OF_PATH[path] ?? FIELD_OF_PATH[path.split('.')[0]!] ?? (path.startsWith('evidence') ? 'evidence' : 'row');

function refusalMessages(error: unknown): ImportMessage[] {
  if (error instanceof ProblemError) {
    if (error.errors?.length) return error.errors.map((e) => ({ field: fieldOfPath(e.path), message: e.message }));
    return [{ field: 'row', message: error.detail }];
  }
  throw error;
}

/** The agencies the file names, each with its match: the importer's choice where they made one. */
function matchAgencies(tx: Tx, record: ImportRecord, cellsOf: (field: ImportField) => string[], known: KnownAgency[]): ImportAgencyMatch[] {
  const counted = new Map<string, { name: string; rows: number }>();
  const note = (name: string) => {
    const key = keyOf(name);
    if (!key) return;
    const entry = counted.get(key) ?? { name, rows: 0 };
    entry.rows++;
    counted.set(key, entry);
  };
  for (const cell of cellsOf('ownerAgency')) for (const name of splitNames(cell)) note(name);
  for (const cell of cellsOf('partnerAgencies')) for (const name of splitNames(cell)) note(name);
  const chosen = new Map(record.agencyMatches.map((m) => [keyOf(m.name), m]));
  const knownIds = new Set(known.map((a) => a.id));
  return [...counted.entries()].map(([key, { name, rows }]) => {
    const automatic = matchAgencyName(name, known);
    const choice = chosen.get(key);
    if (choice?.create) {
      return { name, rows, agencyId: null, matchedBy: 'created' as const, create: { ...choice.create, kind: choice.create.kind as AgencyKind }, suggestions: automatic.suggestions };
    }
    if (choice && choice.agencyId && knownIds.has(choice.agencyId)) return { name, rows, agencyId: choice.agencyId, matchedBy: 'chosen' as const, create: null, suggestions: automatic.suggestions };
    if (choice && choice.agencyId === null) return { name, rows, agencyId: null, matchedBy: 'none' as const, create: null, suggestions: automatic.suggestions };
    return { name, rows, create: null, ...automatic };
  });
}

/**
 * The plan run in one write transaction, which is rolled back unless this is a commit that can be saved whole.
 * The import is read inside it, so a correction or a commit of the same import cannot come between the read and
 * the run.
 */
async function runPlan(
  db: Db,
  id: number,
  clock: PlanClock,
  actor: Actor,
  mail: MailContext,
  mode: 'preview' | 'commit',
): Promise<PlanRun> {
  try {
    return await writeTransaction(db, async (tx) => {
      const record = await findImport(tx, id);
      if (mode === 'commit') refuseIfCommitted(record);
      else if (record.state === 'committed') return { record, outcome: committedOutcome(record) };
      return { record, outcome: await planIn(tx, record, clock, actor, mail, mode) };
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as PlanRun;
    throw error;
  }
}

/** The plan run in `tx`: every row through the commands, each in a savepoint; a preview ends by throwing RolledBack. */
async function planIn(tx: Tx, record: ImportRecord, clock: PlanClock, actor: Actor, mail: MailContext, mode: 'preview' | 'commit'): Promise<PlanOutcome> {
  const mapping = record.mapping as ImportMapping;
  const columnOf = new Map<ImportField, number>();
  for (const { column, field } of mapping) if (field !== 'ignore' && !columnOf.has(field)) columnOf.set(field, column);
  const cellsOf = (field: ImportField) => {
    const column = columnOf.get(field);
    return column === undefined ? [] : record.cells.map((row) => row.c[column] ?? '');
  };
  const fileErrors: ImportMessage[] = checkMapping(mapping, record.headings.length);
  const fileWarnings: ImportMessage[] = [...record.readWarnings];
  if (!columnOf.has('action')) fileErrors.push({ field: 'mapping', message: 'no column is read as “Action to be taken”: choose the column that says what will be done' });
  if (!columnOf.has('ownerAgency') && !columnOf.has('ref')) fileErrors.push({ field: 'mapping', message: 'no column is read as “Owner agency”: every action belongs to an agency' });
  if (!columnOf.has('status') && columnOf.has('progressUpdate')) {
    fileWarnings.push({ field: 'status', message: 'There is no status column: actions with a progress note are imported as In progress, the others as Not started.' });
  }
  if (columnOf.has('progressUpdate') && !columnOf.has('confidence') && !columnOf.has('brag')) {
    fileWarnings.push({ field: 'confidence', message: 'There is no RAG or confidence column: imported progress notes are recorded as On track; each agency’s next update gives its own view.' });
  }
  const leaveOut = new Set(record.leaveOut);

  const base = await loadContext(tx, record.reviewId);
  const matches = matchAgencies(tx, record, cellsOf, base.agencies);
  let agenciesCreated = 0;
  const agencyOfName = new Map<string, number | null>();
  const shortNameOf = new Map(base.agencies.map((a) => [a.id, a.shortName]));
  for (const match of matches) {
    if (match.create) {
      try {
        const created = await savepoint(tx, (sp) => agencyService.createIn(sp, { ...match.create }, clock.now, actor));
        agencyOfName.set(keyOf(match.name), created.id);
        shortNameOf.set(created.id, created.shortName);
        agenciesCreated++;
      } catch (error) {
        for (const m of refusalMessages(error)) fileErrors.push({ field: 'agencies', message: `${match.name}: cannot be created (${m.message})` });
        agencyOfName.set(keyOf(match.name), null);
      }
    } else agencyOfName.set(keyOf(match.name), match.agencyId);
  }
  const context: Context = { ...base, agencyOfName, shortNameOf };
  const existing = await existingActions(tx, record, columnOf.get('ref'));
  // Counted once; each row's creation adds one (see ReviewActionCount). Number(): PostgreSQL's count may come as text.
  const counted: ReviewActionCount = { reviewId: record.reviewId, actions: Number(await countActionsOf(tx, record.reviewId)) };
  const rows: ImportRow[] = [];
  let created = 0;
  let updated = 0;
  for (const row of record.cells) {
    const cell = (field: ImportField) => {
      const column = columnOf.get(field);
      return column === undefined ? undefined : (row.c[column] ?? '');
    };
    if (leaveOut.has(row.n)) {
      rows.push({ rowNumber: row.n, outcome: 'left_out', ref: cell('ref') || null, actionId: null, values: {}, changes: [], errors: [], warnings: [] });
      continue;
    }
    const result = await importRow(tx, { record, row: row.n, cell, context, existing, counted, clock, actor, mail });
    if (result.outcome === 'create') created++;
    if (result.outcome === 'update') updated++;
    rows.push(result);
  }
  const blocked = rows.some((r) => r.outcome === 'error' || r.outcome === 'conflict');
  const outcome: PlanOutcome = {
    rows,
    agencies: matches.map((m) => (m.create ? { ...m, agencyId: agencyOfName.get(keyOf(m.name)) ?? null } : m)),
    errors: fileErrors,
    warnings: fileWarnings,
    committed: false,
    result: { created, updated, agenciesCreated },
  };
  if (mode === 'preview' || blocked || fileErrors.length > 0 || created + updated === 0) throw new RolledBack({ record, outcome });
  const committedAt = clock.now.toISOString();
  await tx.update(imports).set({ state: 'committed', committedAt, result: outcome.result }).where(and(eq(imports.id, record.id), eq(imports.state, 'draft')));
  await recordAudit(tx, actor, {
    entity: 'import',
    entityId: record.id,
    operation: 'create',
    after: { reviewId: record.reviewId, fileName: record.fileName, ...outcome.result },
    at: clock.now,
  });
  return { ...outcome, committed: true };
}

/** The actions the file's refs name, anywhere in the partnership (a ref is unique across reviews). */
async function existingActions(tx: Tx, record: ImportRecord, refColumn: number | undefined) {
  const found = new Map<string, { id: number; reviewId: number; version: number; ref: string }>();
  if (refColumn === undefined) return found;
  const refs = [...new Set(record.cells.map((row) => (row.c[refColumn] ?? '').trim().toLowerCase()).filter(Boolean))];
  for (let i = 0; i < refs.length; i += 500) {
    const slice = refs.slice(i, i + 500);
    const rows = await tx
      .select({ id: actions.id, reviewId: actions.reviewId, version: actions.version, ref: actions.ref })
      .from(actions)
      .where(inArray(sql`lower(${actions.ref})`, slice));
    for (const row of rows) found.set(row.ref.toLowerCase(), row);
  }
  return found;
}

interface RowInput {
  record: ImportRecord;
  row: number;
  cell: (field: ImportField) => string | undefined;
  context: Context;
  existing: Map<string, { id: number; reviewId: number; version: number; ref: string }>;
  counted: ReviewActionCount;
  clock: PlanClock;
  actor: Actor;
  mail: MailContext;
}

/** What a row's cells say, read field by field, with every guess and every unreadable cell noted. */
function readRow({ cell, context }: RowInput) {
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  const take = <T>(field: ImportField, reader: (text: string) => Reading<T>): Exclude<T, null> | undefined => {
    const text = cell(field);
    if (text === undefined || text.trim() === '') return undefined;
    const reading = reader(text);
    if ('error' in reading) {
      errors.push({ field, message: reading.error });
      return undefined;
    }
    if (reading.warning) warnings.push({ field, message: reading.warning });
    return (reading.value ?? undefined) as Exclude<T, null> | undefined;
  };
  const text = (field: ImportField) => {
    const value = cell(field)?.trim();
    return value ? value : undefined;
  };
  const agencyIds = (field: ImportField): number[] | undefined => {
    const value = text(field);
    if (!value) return undefined;
    const ids: number[] = [];
    for (const name of splitNames(value)) {
      const id = context.agencyOfName.get(keyOf(name));
      if (id) ids.push(id);
      else errors.push({ field, message: `no agency called “${name}”: match it to an agency or create it (under Agencies)` });
    }
    return [...new Set(ids)];
  };

  const ref = text('ref');
  const owners = agencyIds('ownerAgency');
  let partners = agencyIds('partnerAgencies');
  let ownerAgencyId = owners?.[0];
  if (owners && owners.length > 1) {
    partners = [...new Set([...(partners ?? []), ...owners.slice(1)])];
    warnings.push({ field: 'ownerAgency', message: `names ${owners.length} agencies: the first owns the action and the others are its partners` });
  }
  if (ownerAgencyId !== undefined && partners) partners = partners.filter((id) => id !== ownerAgencyId);
  if (owners?.length === 0) ownerAgencyId = undefined;

  let recommendationId = take('recommendation', (t) => readNumber(t, 'recommendation')) as number | undefined;
  let recommendationLookup: number | null | undefined;
  if (recommendationId !== undefined) {
    recommendationLookup = context.recommendationByNumber.get(recommendationId) ?? null;
    if (recommendationLookup === null) errors.push({ field: 'recommendation', message: `the review has no recommendation ${recommendationId}` });
  }
  const point = take('learningPoint', (t) => readNumber(t, 'learning point')) as number | undefined;
  if (point !== undefined && recommendationLookup === undefined) {
    const linked = context.recommendationsOfPoint.get(point);
    if (!linked) warnings.push({ field: 'learningPoint', message: `the review has no key learning point ${point}: the action is not linked to a recommendation` });
    else if (linked.length === 1) recommendationLookup = linked[0]!;
    else warnings.push({ field: 'learningPoint', message: `key learning point ${point} is answered by ${linked.length === 0 ? 'no recommendation' : `${linked.length} recommendations`}: the action is not linked to one; choose it on the action page` });
  }
  recommendationId = recommendationLookup ?? undefined;

  const themeCell = text('themes');
  const themeIds = themeCell
    ? splitNames(themeCell).flatMap((name) => {
        const theme = context.themeByName.get(keyOf(name));
        if (!theme) warnings.push({ field: 'themes', message: `no theme called “${name}”: left out (add it under Themes first to keep it)` });
        return theme ? [theme.id] : [];
      })
    : undefined;
  let subgroupId: number | undefined;
  const subgroupCell = text('subgroup');
  if (subgroupCell) {
    const subgroup = context.subgroupByName.get(keyOf(subgroupCell));
    if (!subgroup) errors.push({ field: 'subgroup', message: `no subgroup called “${subgroupCell}”` });
    else subgroupId = subgroup.id;
  }

  const brag = take('brag', readBrag);
  const evidenceCell = text('evidence');
  const evidence = evidenceCell ? readEvidenceLinks(evidenceCell) : { links: [], rest: '' };
  const leadOfficer = text('leadOfficer');
  const written = text('progressUpdate');
  const noteParts = [written, evidence.rest ? `Evidence: ${evidence.rest}` : undefined, leadOfficer ? `Lead officer: ${leadOfficer}` : undefined].filter(Boolean);
  return {
    errors,
    warnings,
    ref,
    ownerAgencyId,
    partnerAgencyIds: partners,
    kind: take('kind', readKind),
    learningNeed: text('learningNeed'),
    action: text('action'),
    successMeasure: text('successMeasure'),
    targetDate: take('targetDate', readDate) as string | undefined,
    targetDateGiven: text('targetDate') !== undefined,
    targetDateReason: text('targetDateReason'),
    recommendationId,
    themeIds,
    subgroupId,
    status: take('status', readStatus),
    brag,
    confidence: take('confidence', readConfidence) ?? (brag ? confidenceOfBrag(brag) : undefined),
    note: noteParts.length > 0 ? noteParts.join('\n\n') : undefined,
    writtenNote: written,
    evidence: evidence.links,
    evidenceOfImpact: text('evidenceOfImpact'),
    withdrawnReason: text('withdrawnReason'),
    version: take('version', readVersion),
  };
}
type ReadRow = ReturnType<typeof readRow>;

const sameText = (a: string | null | undefined, b: string | null | undefined) => normaliseWords(a ?? '') === normaliseWords(b ?? '');

async function importRow(tx: Tx, input: RowInput): Promise<ImportRow> {
  const values = readRow(input);
  const { errors, warnings } = values;
  const blank: ImportRow = { rowNumber: input.row, outcome: 'error', ref: values.ref ?? null, actionId: null, values: {}, changes: [], errors, warnings };
  const known = values.ref ? input.existing.get(values.ref.toLowerCase()) : undefined;
  if (known && known.reviewId !== input.record.reviewId) {
    errors.push({ field: 'ref', message: `${values.ref} is the ref of an action in another review: give this row a new ref, or leave it empty` });
  }
  if (errors.length > 0) return { ...blank, values: display(values, input.context) };
  if (known) {
    if (values.version !== undefined && values.version !== known.version) {
      return {
        ...blank,
        outcome: 'conflict',
        actionId: known.id,
        values: display(values, input.context),
        errors: [{ field: 'version', message: `${known.ref} has changed in the tracker since this file was exported (version ${values.version}, now ${known.version}): export it again, or leave this row out` }],
      };
    }
    return updateFromRow(tx, input, values, known.id, blank);
  }
  return createFromRow(tx, input, values, blank);
}

/** The status an imported action can be brought to by its importer, and why when it is less than the file says. */
function reachableStatus(values: ReadRow, warnings: ImportMessage[]): ActionStatus {
  let status = values.status ?? (values.note ? 'in_progress' : 'not_started');
  if (status === 'assured') {
    warnings.push({ field: 'status', message: 'Assured in the file: sign-off is the subgroup’s decision in the tracker, so the action is imported as Completed, awaiting sign-off' });
    status = 'completed';
  }
  if (status === 'completed' && values.evidence.length === 0) {
    warnings.push({ field: 'status', message: 'Completed in the file, but completion needs evidence: imported as In progress. Add a link in an Evidence column, or propose completion on the action page' });
    status = 'in_progress';
  }
  return status;
}

function firstUpdate(values: ReadRow, status: ActionStatus, fileName: string) {
  const statusWords = LABELS.actionStatus[status];
  return {
    kind: 'progress' as const,
    note: values.note ?? `${statusWords} when the plan was imported from ${fileName}.`,
    confidence: (values.confidence ?? 'on_track') as Confidence,
    evidence: values.evidence,
    statusChange: null as { to: ActionStatus } | null,
    ...(status === 'withdrawn' ? { reason: values.withdrawnReason ?? values.note } : {}),
  };
}

async function createFromRow(tx: Tx, input: RowInput, values: ReadRow, blank: ImportRow): Promise<ImportRow> {
  const { warnings } = values;
  const parsed = ActionCreate.safeParse({
    reviewId: input.record.reviewId,
    ...(values.ref ? { ref: values.ref } : {}),
    recommendationId: values.recommendationId ?? null,
    kind: values.kind ?? ((values.partnerAgencyIds?.length ?? 0) > 0 ? 'multi_agency' : 'single_agency'),
    ownerAgencyId: values.ownerAgencyId,
    partnerAgencyIds: values.partnerAgencyIds ?? [],
    learningNeed: values.learningNeed ?? values.action,
    action: values.action,
    successMeasure: values.successMeasure ?? '',
    targetDate: values.targetDate ?? null,
    themeIds: values.themeIds ?? [],
    ...(values.subgroupId !== undefined ? { subgroupId: values.subgroupId } : {}),
  });
  if (!values.learningNeed && values.action) warnings.push({ field: 'learningNeed', message: 'no learning need given: the action’s text stands in for it' });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => {
      const path = String(issue.path[0] ?? 'row');
      const field = fieldOfPath(path);
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      return { field, message: missing ? `${field === 'row' ? path : IMPORT_FIELD_LABELS[field as ImportField]} is needed for a new action` : issue.message };
    });
    return { ...blank, errors, values: display(values, input.context) };
  }
  const status = reachableStatus(values, warnings);
  try {
    const action = await savepoint(tx, async (sp) => {
      const id = await createActionIn(sp, parsed.data, input.clock, input.actor, input.counted);
      if (values.note || status !== 'not_started') {
        const update = firstUpdate(values, status, input.record.fileName);
        if (status !== 'not_started') update.statusChange = { to: status };
        await postProgressUpdateIn(sp, id, update, input.clock, input.actor, input.mail, { importedFrom: input.record.fileName });
      }
      return getAction(sp, id, input.clock);
    });
    input.counted.actions++;
    return { ...blank, outcome: 'create', ref: action.ref, actionId: null, values: displayAction(action, input.context, values), errors: [], warnings };
  } catch (error) {
    return { ...blank, errors: refusalMessages(error), values: display(values, input.context) };
  }
}

async function updateFromRow(tx: Tx, input: RowInput, values: ReadRow, id: number, blank: ImportRow): Promise<ImportRow> {
  const { warnings } = values;
  try {
    const outcome = await savepoint(tx, async (sp) => {
      const current = await getAction(sp, id, input.clock);
      const patch: Partial<ActionPatch> = {};
      const changes: string[] = [];
      const set = <K extends keyof ActionPatch>(key: K, field: ImportField, value: ActionPatch[K] | undefined, same: boolean) => {
        if (value === undefined || same) return;
        patch[key] = value;
        changes.push(field);
      };
      const sameIds = (a: number[], b: number[]) => [...a].sort((x, y) => x - y).join() === [...b].sort((x, y) => x - y).join();
      set('learningNeed', 'learningNeed', values.learningNeed, sameText(values.learningNeed, current.learningNeed));
      set('action', 'action', values.action, sameText(values.action, current.action));
      set('successMeasure', 'successMeasure', values.successMeasure, sameText(values.successMeasure, current.successMeasure));
      set('targetDate', 'targetDate', values.targetDate, values.targetDate === current.targetDate);
      set('kind', 'kind', values.kind, values.kind === current.kind);
      set('ownerAgencyId', 'ownerAgency', values.ownerAgencyId, values.ownerAgencyId === current.ownerAgencyId);
      set('partnerAgencyIds', 'partnerAgencies', values.partnerAgencyIds, sameIds(values.partnerAgencyIds ?? [], current.partnerAgencyIds));
      set('recommendationId', 'recommendation', values.recommendationId, values.recommendationId === current.recommendationId);
      set('themeIds', 'themes', values.themeIds, sameIds(values.themeIds ?? [], current.themeIds));
      set('subgroupId', 'subgroup', values.subgroupId, values.subgroupId === current.subgroupId);
      if (changes.length > 0) {
        await patchActionIn(sp, id, { ...patch, version: current.version, ...(values.targetDateReason ? { targetDateReason: values.targetDateReason } : {}) } as ActionPatch, input.clock, input.actor);
      }
      const newNote = values.writtenNote !== undefined && !sameText(values.writtenNote, current.latestUpdate?.note);
      let status: ActionStatus | undefined;
      if (values.status && values.status !== current.status) {
        const wanted = reachableStatus(values, warnings);
        if (wanted !== current.status) status = wanted;
      }
      if (newNote || status) {
        const update = firstUpdate(values, status ?? current.status, input.record.fileName);
        if (status) update.statusChange = { to: status };
        await postProgressUpdateIn(sp, id, update, input.clock, input.actor, input.mail, { importedFrom: input.record.fileName });
        if (newNote) changes.push('progressUpdate');
        if (status) changes.push('status');
      }
      return { action: await getAction(sp, id, input.clock), changes };
    });
    return {
      ...blank,
      outcome: outcome.changes.length > 0 ? 'update' : 'unchanged',
      ref: outcome.action.ref,
      actionId: id,
      values: displayAction(outcome.action, input.context, values),
      changes: outcome.changes,
      errors: [],
      warnings,
    };
  } catch (error) {
    return { ...blank, actionId: id, errors: refusalMessages(error), values: display(values, input.context) };
  }
}

/** A row's values as read, for a row that will not be saved. */
function display(values: ReadRow, context: Context): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (field: ImportField, value: string | undefined | null) => {
    if (value) out[field] = clip(value);
  };
  put('ref', values.ref);
  put('ownerAgency', values.ownerAgencyId ? context.shortNameOf.get(values.ownerAgencyId) : undefined);
  put('partnerAgencies', values.partnerAgencyIds?.map((id) => context.shortNameOf.get(id)).join('; '));
  put('learningNeed', values.learningNeed);
  put('action', values.action);
  put('successMeasure', values.successMeasure);
  put('targetDate', values.targetDate);
  put('status', values.status ? LABELS.actionStatus[values.status] : undefined);
  put('confidence', values.confidence ? LABELS.confidence[values.confidence] : undefined);
  put('progressUpdate', values.note);
  return out;
}

/** What was saved for a row, from the action as the commands left it. */
function displayAction(action: Action, context: Context, values: ReadRow): Record<string, string> {
  const out: Record<string, string> = {
    ref: action.ref,
    ownerAgency: context.shortNameOf.get(action.ownerAgencyId) ?? '',
    learningNeed: clip(action.learningNeed),
    action: clip(action.action),
    status: LABELS.actionStatus[action.status],
    kind: LABELS.actionKind[action.kind],
  };
  if (action.partnerAgencyIds.length > 0) out.partnerAgencies = action.partnerAgencyIds.map((id) => context.shortNameOf.get(id) ?? '').join('; ');
  if (action.successMeasure) out.successMeasure = clip(action.successMeasure);
  if (action.targetDate) out.targetDate = action.targetDate;
  if (action.latestConfidence) out.confidence = LABELS.confidence[action.latestConfidence];
  if (action.brag) out.brag = LABELS.brag[action.brag];
  if (action.latestUpdate?.note) out.progressUpdate = clip(action.latestUpdate.note);
  if (values.evidence.length > 0) out.evidence = values.evidence.map((e) => e.url).join(' ');
  return out;
}


