import { z } from 'zod';
import { IdRef, Instant } from './common';
import { AgencyKind } from './enums';

/**
 * The action plan as a spreadsheet. One list of columns serves the export (its headings, in this order) and
 * the import (the headings it recognises, with the names people give them), so a plan exported, edited in
 * Excel and brought back in lands on the actions it came from.
 */

/** What a column of an imported sheet can be read as. `ignore`: the column is left out. */
export const IMPORT_FIELDS = [
  'ref',
  'recommendation',
  'learningPoint',
  'kind',
  'ownerAgency',
  'partnerAgencies',
  'learningNeed',
  'action',
  'successMeasure',
  'targetDate',
  'targetDateReason',
  'status',
  'brag',
  'confidence',
  'progressUpdate',
  'evidence',
  'leadOfficer',
  'evidenceOfImpact',
  'withdrawnReason',
  'themes',
  'subgroup',
  'version',
  'ignore',
] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;

export interface PlanColumn {
  /** The heading the export writes. */
  heading: string;
  /** What the import reads it as; `null`: the column is the tracker's own computation, read back as nothing. */
  field: ImportField | null;
  /** Other headings people give this column (compared without case, spaces or punctuation). */
  aliases: readonly string[];
  /** Width in Excel's characters. */
  width: number;
}

/** The export's columns, in order. Fields the tracker computes (BRAG reason, overdue, stale) are not read back. */
export const PLAN_COLUMNS: readonly PlanColumn[] = [
  { heading: 'Ref', field: 'ref', aliases: ['Reference', 'Action ref', 'Action reference', 'Action no', 'Action number', 'No', 'Number', 'ID'], width: 14 },
  { heading: 'Review', field: null, aliases: [], width: 14 },
  { heading: 'Recommendation', field: 'recommendation', aliases: ['Rec', 'Rec no', 'Recommendation number', 'Recommendation no'], width: 16 },
  { heading: 'Key learning point', field: 'learningPoint', aliases: ['KLP', 'Learning point', 'KLP no', 'Key learning point number', 'Learning'], width: 12 },
  { heading: 'Kind', field: 'kind', aliases: ['Type', 'Action type', 'Single or multi-agency', 'Single/multi agency'], width: 14 },
  { heading: 'Owner agency', field: 'ownerAgency', aliases: ['Agency', 'Lead agency', 'Organisation', 'Organization', 'Owner', 'Responsible agency', 'Agency responsible', 'Service'], width: 16 },
  { heading: 'Partner agencies', field: 'partnerAgencies', aliases: ['Partners', 'Other agencies', 'Supporting agencies', 'Agencies involved'], width: 18 },
  { heading: 'Identified learning need', field: 'learningNeed', aliases: ['Learning need', 'Need', 'Issue', 'Finding', 'Identified need', 'Learning identified', 'Gap'], width: 40 },
  { heading: 'Action to be taken', field: 'action', aliases: ['Action', 'Actions', 'Action required', 'Actions to be taken', 'Agreed action', 'What will be done'], width: 50 },
  { heading: 'Measure of success', field: 'successMeasure', aliases: ['Success measure', 'Outcome', 'Expected outcome', 'Intended outcome', 'How will we know', 'Impact measure', 'Measures of success'], width: 36 },
  { heading: 'Target date', field: 'targetDate', aliases: ['Target', 'Due date', 'Due', 'Deadline', 'Date due', 'Timescale', 'Completion date', 'By when', 'Target completion date'], width: 14 },
  { heading: 'Original target date', field: null, aliases: [], width: 14 },
  { heading: 'Target date revisions', field: null, aliases: [], width: 30 },
  { heading: 'Reason for a new target date', field: 'targetDateReason', aliases: ['Reason for revised date', 'Revised date reason', 'Reason for new date'], width: 24 },
  { heading: 'Status', field: 'status', aliases: ['Progress status', 'Current status', 'State'], width: 14 },
  { heading: 'BRAG', field: 'brag', aliases: ['RAG', 'BRAG rating', 'RAG rating', 'RAG status', 'Rating', 'BRAG status'], width: 10 },
  { heading: 'BRAG reason', field: null, aliases: [], width: 30 },
  { heading: 'Overdue', field: null, aliases: [], width: 9 },
  { heading: 'Stale', field: null, aliases: [], width: 8 },
  { heading: 'Last update', field: null, aliases: [], width: 12 },
  { heading: 'Latest progress note', field: 'progressUpdate', aliases: ['Progress update', 'Progress', 'Update', 'Progress to date', 'Latest update', 'Progress notes', 'Comments', 'Commentary', 'Progress and evidence', 'Update on progress'], width: 60 },
  { heading: 'Latest confidence', field: 'confidence', aliases: ['Confidence'], width: 14 },
  { heading: 'Evidence', field: 'evidence', aliases: ['Evidence links', 'Evidence of completion', 'Link to evidence'], width: 30 },
  { heading: 'Lead officer', field: 'leadOfficer', aliases: ['Lead', 'Lead person', 'Responsible officer', 'Action owner', 'Named lead', 'Officer', 'Responsible person'], width: 18 },
  { heading: 'Evidence of impact', field: 'evidenceOfImpact', aliases: ['Impact', 'Impact evidence'], width: 36 },
  { heading: 'Withdrawn because', field: 'withdrawnReason', aliases: ['Reason withdrawn', 'Withdrawal reason'], width: 24 },
  { heading: 'Themes', field: 'themes', aliases: ['Theme', 'Topic', 'Topics'], width: 24 },
  { heading: 'Subgroup', field: 'subgroup', aliases: ['Sub-group', 'Sub group', 'Overseeing subgroup', 'Owning subgroup'], width: 20 },
  { heading: 'Version', field: 'version', aliases: ['Tracker version'], width: 9 },
];

/** Labels of the import fields, as the mapping step offers them. */
export const IMPORT_FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  ref: 'Ref',
  recommendation: 'Recommendation',
  learningPoint: 'Key learning point',
  kind: 'Kind (single or multi-agency)',
  ownerAgency: 'Owner agency',
  partnerAgencies: 'Partner agencies',
  learningNeed: 'Identified learning need',
  action: 'Action to be taken',
  successMeasure: 'Measure of success',
  targetDate: 'Target date',
  targetDateReason: 'Reason for a new target date',
  status: 'Status',
  brag: 'BRAG or RAG rating',
  confidence: 'Confidence',
  progressUpdate: 'Progress update (becomes a progress note)',
  evidence: 'Evidence links',
  leadOfficer: 'Lead officer (kept with the progress note)',
  evidenceOfImpact: 'Evidence of impact',
  withdrawnReason: 'Withdrawn because',
  themes: 'Themes',
  subgroup: 'Subgroup',
  version: 'Tracker version (from an export)',
  ignore: 'Leave this column out',
};

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const IMPORT_STATES = ['draft', 'committed'] as const;
export const IMPORT_ROW_OUTCOMES = ['create', 'update', 'unchanged', 'conflict', 'error', 'left_out'] as const;
/** The largest file accepted, in bytes (20 MB). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** The most data rows one import reads. */
export const IMPORT_MAX_ROWS = 20_000;

export const ImportColumn = z.object({
  /** 0-based position in the sheet. */
  index: z.number().int(),
  heading: z.string(),
  /** The first non-empty values under the heading, to help the mapping. */
  samples: z.array(z.string()),
});
export type ImportColumn = z.infer<typeof ImportColumn>;

/** Which field each column is read as, by column index. A field may be given to one column only. */
export const ImportMapping = z.array(z.object({ column: z.number().int().min(0), field: ImportField }));
export type ImportMapping = z.infer<typeof ImportMapping>;

/** A name in the file's agency columns and what it is taken to mean. */
export const ImportAgencyMatch = z.object({
  /** As written in the file. */
  name: z.string(),
  /** How many rows name it. */
  rows: z.number().int(),
  agencyId: z.number().int().nullable(),
  /** How the match was made: exactly by name or short name, chosen by the importer, or not at all. */
  matchedBy: z.enum(['name', 'short_name', 'chosen', 'created', 'none']),
  /** Set when the importer chose to create the agency on commit. */
  create: z.object({ name: z.string(), shortName: z.string(), kind: AgencyKind }).nullable(),
  /** Near misses, closest first. */
  suggestions: z.array(z.object({ id: z.number().int(), name: z.string(), shortName: z.string() })),
});
export type ImportAgencyMatch = z.infer<typeof ImportAgencyMatch>;

export const ImportMessage = z.object({
  /** The field it concerns, or `row` / `file`. */
  field: z.string(),
  message: z.string(),
});
export type ImportMessage = z.infer<typeof ImportMessage>;

/** A row of the sheet as it will be saved. */
export const ImportRow = z.object({
  /** The row's number in the sheet, as Excel numbers it (the header is row 1 or below). */
  rowNumber: z.number().int(),
  outcome: z.enum(IMPORT_ROW_OUTCOMES),
  /** The action's ref: given, or the one it will get. */
  ref: z.string().nullable(),
  /** For an update, the action it changes. */
  actionId: z.number().int().nullable(),
  /** What will be saved, as people read it (agency short names, dates as YYYY-MM-DD, statuses as words). */
  values: z.record(z.string(), z.string()),
  /** For an update, the fields it changes. */
  changes: z.array(z.string()),
  errors: z.array(ImportMessage),
  warnings: z.array(ImportMessage),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportPreview = z.object({
  id: z.number().int(),
  reviewId: z.number().int(),
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS),
  sheetName: z.string().nullable(),
  /** The sheet's row number of the header. */
  headerRow: z.number().int(),
  state: z.enum(IMPORT_STATES),
  columns: z.array(ImportColumn),
  mapping: ImportMapping,
  agencies: z.array(ImportAgencyMatch),
  rows: z.array(ImportRow),
  /** Problems of the file or mapping as a whole (rows have their own). */
  errors: z.array(ImportMessage),
  warnings: z.array(ImportMessage),
  counts: z.object({
    rows: z.number().int(),
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    conflict: z.number().int(),
    error: z.number().int(),
    leftOut: z.number().int(),
    warnings: z.number().int(),
  }),
  /** True when nothing stops the commit. */
  canCommit: z.boolean(),
  createdAt: Instant,
  createdBy: z.string(),
  committedAt: Instant.nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportCreateFields = z.object({ reviewId: IdRef });

export const ImportPatch = z.strictObject({
  mapping: ImportMapping.optional(),
  /** Agencies named in the file: an existing agency, one to create on commit, or `null` for none. */
  agencyMatches: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(500),
        agencyId: IdRef.nullable().optional(),
        create: z
          .strictObject({ name: z.string().trim().min(1).max(200), shortName: z.string().trim().min(1).max(20), kind: AgencyKind })
          .nullable()
          .optional(),
      }),
    )
    .optional(),
  /** Sheet row numbers left out of the commit (rows with errors or conflicts the importer does not want). */
  leaveOut: z.array(z.number().int().min(1)).max(IMPORT_MAX_ROWS).optional(),
});
export type ImportPatch = z.infer<typeof ImportPatch>;

export const ImportCommitResult = z.object({ created: z.number().int(), updated: z.number().int(), agenciesCreated: z.number().int() });
export type ImportCommitResult = z.infer<typeof ImportCommitResult>;

