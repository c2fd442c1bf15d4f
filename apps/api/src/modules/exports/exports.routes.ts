import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActionListQuery } from '@lrt/contracts';
import { planClock } from '../settings/settings.service';
import { planCsvStream } from './actions-csv';
import { planXlsxStream } from './actions-xlsx';
import { loadPlanNames } from './plan-cells';
import { planPages } from './plan-pages';
import { planTemplateWorkbook } from './plan-template';
import { XLSX_TYPE } from './plan-workbook';
import { ProblemResponse } from '../../plugins/problems';

const ExportQuery = ActionListQuery.omit({ limit: true, cursor: true });
const Binary = z.string().meta({ format: 'binary' });

const COLUMNS =
  'One row per action, in the columns the import reads back (the plan columns of `@lrt/contracts`): names rather than ids, ' +
  'text that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return) prefixed with `\'` so a spreadsheet shows it instead of running it, ' +
  'and the action’s `Version`, which tells a re-import whether the action changed since.';

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse };

/** A file to save, never to show in the browser or keep in a shared cache (the plan names agencies and people). */
const sendFile = (reply: FastifyReply, type: string, fileName: string, body: Readable | Buffer) =>
  reply.type(type).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store').send(body);

export async function exportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** The view to export, read before a byte is sent: a failure here still answers with a problem. */
  const startExport = async (request: FastifyRequest, query: z.output<typeof ExportQuery>) => {
    const clock = await planClock(app.db, app.now(), request.principal);
    return { clock, pages: await planPages(app.db, query, clock), names: await loadPlanNames(app.db) };
  };
  const logFailure = (request: FastifyRequest, format: string) => (error: unknown) =>
    request.log.error({ err: error, query: request.query }, `The ${format} export of the action plan stopped part way; the download was cut short`);

  r.get('/exports/actions.csv', {
    config: { access: 'read' },
    schema: {
      tags: ['Actions'],
      summary: 'The actions of a view as CSV',
      description: `Takes the filters and sort of \`GET /api/actions\` and returns every matching action. ${COLUMNS} Days are written YYYY-MM-DD.`,
      querystring: ExportQuery,
      produces: ['text/csv'],
      response: {
        200: { description: 'CSV, UTF-8 with a byte-order mark so spreadsheets read it as UTF-8', content: { 'text/csv': { schema: z.string() } } },
        ...problems,
      },
    },
    handler: async (request, reply) => {
      const { clock, pages, names } = await startExport(request, request.query);
      return sendFile(reply, 'text/csv; charset=utf-8', `actions-${clock.today}.csv`, planCsvStream(pages, names, logFailure(request, 'CSV')));
    },
  });

  r.get('/exports/actions.xlsx', {
    config: { access: 'read' },
    schema: {
      tags: ['Actions'],
      summary: 'The actions of a view as an Excel workbook',
      description:
        `Takes the filters and sort of \`GET /api/actions\` and returns every matching action on the sheet "Action plan". ${COLUMNS} ` +
        'Days are date cells (shown 31/03/2027), BRAG cells are coloured and keep their word, the header is frozen and filtered. ' +
        'The sheet "Learning and recommendations" lists the key learning points and recommendations of every review among them (or filtered on).',
      querystring: ExportQuery,
      produces: [XLSX_TYPE],
      response: { 200: { description: 'An Excel workbook (.xlsx)', content: { [XLSX_TYPE]: { schema: Binary } } }, ...problems },
    },
    handler: async (request, reply) => {
      const { clock, pages, names } = await startExport(request, request.query);
      const stream = planXlsxStream({ db: app.db, pages, names, reviewIds: request.query.reviewId ?? [], now: clock.now }, logFailure(request, 'Excel'));
      return sendFile(reply, XLSX_TYPE, `actions-${clock.today}.xlsx`, stream);
    },
  });

  r.get('/exports/plan-template.xlsx', {
    config: { access: 'read' },
    schema: {
      tags: ['Actions'],
      summary: 'A blank action plan to fill in and import',
      description:
        'The columns the import reads (those of the export, less what the tracker works out and the version), with a second sheet, ' +
        '"How to fill this in", saying what to write under each heading.',
      produces: [XLSX_TYPE],
      response: { 200: { description: 'An Excel workbook (.xlsx)', content: { [XLSX_TYPE]: { schema: Binary } } }, 401: ProblemResponse, 403: ProblemResponse },
    },
    handler: async (_request, reply) => sendFile(reply, XLSX_TYPE, 'action-plan-template.xlsx', await planTemplateWorkbook(app.now())),
  });
}
