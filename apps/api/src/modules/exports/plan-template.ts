import ExcelJS from 'exceljs';
import { ACTION_KINDS, ACTION_STATUSES, BRAG_RATINGS, CONFIDENCE_LEVELS, LABELS, PLAN_COLUMNS, type ImportField } from '@lrt/contracts';
import { FROZEN_HEADER, TEXT_ARGB, WORKBOOK_CREATOR, planSheetColumns, styleHeaderRow } from './plan-workbook';
import { PLAN_SHEET } from './actions-xlsx';

export const GUIDANCE_SHEET = 'How to fill this in';

/** The columns a person fills in: those the import reads, except the version (only an export has one). */
export const TEMPLATE_COLUMNS = PLAN_COLUMNS.filter((column) => column.field !== null && column.field !== 'version');

const words = (labels: Readonly<Record<string, string>>, keys: readonly string[]) => keys.map((key) => labels[key]!);
const orList = (list: string[]) => `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;

/** What to write in each column, as the second sheet says it. */
const GUIDANCE: Readonly<Record<Exclude<ImportField, 'version' | 'ignore'>, string>> = {
  ref: 'Leave empty for a new action: the tracker gives it the next ref of its review (for example SD-2025/A4). If you write one, use letters, digits, spaces, dots, slashes, dashes and underscores.',
  recommendation: 'The number of the recommendation the action answers: 2 or Recommendation 2. Leave empty for an action that answers no recommendation.',
  learningPoint: 'The key learning point the action comes from: 1 or KLP 1.',
  kind: `${orList(words(LABELS.actionKind, ACTION_KINDS))}. A multi-agency action names its partner agencies too.`,
  ownerAgency:
    'Required. The agency that owns the action, by its name or short name in the tracker. A name the tracker does not know is shown in the preview with the closest names, and you can choose one or add the agency.',
  partnerAgencies: 'For a multi-agency action, the other agencies sharing it, by name or short name, separated by semicolons: Police; Health.',
  learningNeed: 'Required. What the review found needs to be learned or changed.',
  action: 'Required. What will be done.',
  successMeasure: 'How the partnership will know the action worked.',
  targetDate: 'The day the action is due, day first: 31/03/2027. A month (March 2027) is read as its last day, with a warning. Leave empty if there is no date yet.',
  targetDateReason: 'Only when you change the target date of an action already in the tracker: why it moved.',
  status: `${orList(words(LABELS.actionStatus, ACTION_STATUSES))}. Most plans start with Not started or In progress.`,
  brag: `The plan's own rating, as a word: ${orList(words(LABELS.brag, BRAG_RATINGS))} (RAG words such as Amber/Green are read as the first colour, with a warning). The tracker works out its own BRAG from the target date and progress.`,
  confidence: `The agency's confidence that the action will be done on time: ${orList(words(LABELS.confidence, CONFIDENCE_LEVELS))}.`,
  progressUpdate: 'Progress so far, in words. It becomes the action’s first progress note, marked as imported. Line breaks are kept.',
  evidence: 'Links to evidence, each after a short label: Audit report: https://… (separate several with semicolons or new lines).',
  leadOfficer: 'The person leading the action in the agency. It is kept with the progress note.',
  evidenceOfImpact: 'For a completed action: what shows it made a difference.',
  withdrawnReason: 'For a withdrawn action: why it was withdrawn.',
  themes: 'The themes the action belongs to, as the tracker names them, separated by semicolons.',
  subgroup: 'The subgroup that oversees the action, by name. Leave empty for the recommendation’s subgroup, or else the review’s.',
};

/** Offered as a list in the cells below their heading; other words are allowed (the import reads many), after a warning. */
const CHOICES: Partial<Record<ImportField, string[]>> = {
  kind: words(LABELS.actionKind, ACTION_KINDS),
  status: words(LABELS.actionStatus, ACTION_STATUSES),
  brag: words(LABELS.brag, BRAG_RATINGS),
  confidence: words(LABELS.confidence, CONFIDENCE_LEVELS),
};
const ROWS_WITH_CHOICES = 2000;

const columnLetter = (index: number) => {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
};

/** A blank action plan with the headings the import reads, and a sheet saying what to write under each. */
export async function planTemplateWorkbook(now: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = WORKBOOK_CREATOR;
  workbook.lastModifiedBy = WORKBOOK_CREATOR;
  workbook.created = now;
  workbook.modified = now;

  const sheet = workbook.addWorksheet(PLAN_SHEET, { views: FROZEN_HEADER });
  sheet.columns = planSheetColumns(TEMPLATE_COLUMNS);
  styleHeaderRow(sheet.addRow(TEMPLATE_COLUMNS.map((column) => column.heading)), TEMPLATE_COLUMNS.length);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: TEMPLATE_COLUMNS.length } };
  TEMPLATE_COLUMNS.forEach((column, index) => {
    const choices = column.field ? CHOICES[column.field] : undefined;
    if (!choices) return;
    const letter = columnLetter(index + 1);
    // `dataValidations` is there at run time but missing from exceljs's types.
    (sheet as unknown as { dataValidations: { add: (range: string, rule: ExcelJS.DataValidation) => void } }).dataValidations.add(
      `${letter}2:${letter}${ROWS_WITH_CHOICES}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`"${choices.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: column.heading,
        error: `The import reads ${orList(choices)}. Keep your word only if it means one of these.`,
      },
    );
  });

  const guide = workbook.addWorksheet(GUIDANCE_SHEET, { views: FROZEN_HEADER });
  guide.columns = [
    { width: 30, style: { alignment: { vertical: 'top', wrapText: true } } },
    { width: 100, style: { alignment: { vertical: 'top', wrapText: true } } },
  ];
  styleHeaderRow(guide.addRow(['Column', 'What to write']), 2);
  for (const column of TEMPLATE_COLUMNS) {
    const row = guide.addRow([column.heading, GUIDANCE[column.field as keyof typeof GUIDANCE]]);
    row.getCell(1).font = { bold: true, color: { argb: TEXT_ARGB } };
  }
  guide.addRow([]);
  guide.addRow([
    'Good to know',
    'One row per action. Keep the headings of the first sheet as they are; you may leave out the columns you do not use, and the import lets you say which column is which if yours are named differently. When you import the file into a review, you see every row as it will be saved, with any problems, before anything is saved.',
  ]).getCell(1).font = { bold: true, color: { argb: TEXT_ARGB } };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
