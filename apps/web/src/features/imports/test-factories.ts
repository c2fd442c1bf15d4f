import type { ImportAgencyMatch, ImportColumn, ImportPreview, ImportRow } from '@lrt/contracts';

/** Test use only: an import's parts as the API sends them. */

export const makeColumn = (overrides: Partial<ImportColumn> = {}): ImportColumn => ({ index: 0, heading: 'Agency', samples: ['Adult Social Care', 'BCHFT'], ...overrides });

/** The columns of Appendix A: agency, learning need, action, progress update, target date. */
export const APPENDIX_A_COLUMNS: ImportColumn[] = [
  makeColumn(),
  makeColumn({ index: 1, heading: 'Identified Learning Need', samples: ['Need to connect known family members on the system'] }),
  makeColumn({ index: 2, heading: 'Action to be taken', samples: ['Training refresher for staff on purpose and need to do this'] }),
  makeColumn({ index: 3, heading: 'Progress Update', samples: ['Contact made with Principal Social Worker'] }),
  makeColumn({ index: 4, heading: 'Target date', samples: ['31.3.26', 'March 2026'] }),
];

export const makeRow = (overrides: Partial<ImportRow> = {}): ImportRow => ({
  rowNumber: 2,
  outcome: 'create',
  ref: 'SD-2022/A1',
  actionId: null,
  values: {
    ownerAgency: 'NASC',
    learningNeed: 'Need to connect known family members on the system',
    action: 'Training refresher for staff on purpose and need to do this',
    targetDate: '2026-03-31',
    status: 'Not started',
  },
  changes: [],
  errors: [],
  warnings: [],
  ...overrides,
});

export const makeAgencyMatch = (overrides: Partial<ImportAgencyMatch> = {}): ImportAgencyMatch => ({
  name: 'Adult Social Care',
  rows: 1,
  agencyId: 1,
  matchedBy: 'name',
  create: null,
  suggestions: [],
  ...overrides,
});

/** A draft import of review 3, with its counts worked out from its rows unless given. */
export function makePreview(overrides: Partial<ImportPreview> = {}): ImportPreview {
  const rows = overrides.rows ?? [makeRow()];
  const count = (outcome: ImportRow['outcome']) => rows.filter((row) => row.outcome === outcome).length;
  const counts = {
    rows: rows.length,
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
    conflict: count('conflict'),
    error: count('error'),
    leftOut: count('left_out'),
    warnings: rows.reduce((sum, row) => sum + row.warnings.length, 0),
  };
  return {
    id: 5,
    reviewId: 3,
    fileName: 'SD-2022 action plan.csv',
    format: 'csv',
    sheetName: null,
    headerRow: 1,
    state: 'draft',
    columns: APPENDIX_A_COLUMNS,
    mapping: [
      { column: 0, field: 'ownerAgency' },
      { column: 1, field: 'learningNeed' },
      { column: 2, field: 'action' },
      { column: 3, field: 'ignore' },
      { column: 4, field: 'targetDate' },
    ],
    agencies: [makeAgencyMatch()],
    rows,
    errors: [],
    warnings: [],
    counts,
    canCommit: counts.error === 0 && counts.conflict === 0 && counts.create + counts.update > 0,
    createdAt: '2026-03-03T10:00:00.000Z',
    createdBy: 'Alex Morgan',
    committedAt: null,
    ...overrides,
  };
}
