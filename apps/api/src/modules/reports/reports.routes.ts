import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AssuranceReport, AssuranceReportQuery, REPORT_LIST_LIMIT, REPORT_SECTIONS } from '@lrt/contracts';
import { ProblemResponse } from '../../plugins/problems';
import { buildAssuranceReport } from './reports.service';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const Binary = z.string().meta({ format: 'binary' });

/** `assurance-SD-2022-2026-03-31.docx`: the scope and the as-at day, in characters every file system accepts. */
const fileName = (report: AssuranceReport, extension: string) =>
  `assurance-${report.scope.kind === 'partnership' ? 'partnership' : report.scope.name.split(' ')[0]!.replace(/[^A-Za-z0-9-]+/g, '-')}-${report.asAt}.${extension}`;

export async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/reports/assurance', {
    config: { access: 'read' },
    schema: {
      tags: ['Reports'],
      summary: 'The board assurance report, as JSON, Word or a printable page',
      description:
        'For the whole partnership, or one review (`reviewId`), subgroup (`subgroupId`) or agency (`agencyId`, the actions it owned then or shares), ' +
        'over a period (`from`–`to`, by default the twelve months to the as-at date) and as the plan stood at the end of `asAt` (London; by default today), ' +
        'rebuilt from the history of every field, so the same query gives the same report whatever has happened since. ' +
        '`compareTo` names a board snapshot to say what moved since it (otherwise since the start of the period). ' +
        `\`sections\` (repeat or comma-separate; by default all): ${REPORT_SECTIONS.map((s) => `\`${s}\``).join(', ')}. ` +
        `Lists stop at ${REPORT_LIST_LIMIT} entries and say how many more there are; every count covers the whole scope. ` +
        '`format=docx` is an editable Word document (headings, a table of contents, repeating table headers, charts with alt text, page numbers, ' +
        '"Confidential" footer); `format=html` a self-contained page that prints to A4. An as-at date in the future or before the first record, a period ' +
        'that ends before it starts or after the as-at date, or an unknown scope or snapshot id answer 422 naming the field.',
      querystring: AssuranceReportQuery,
      produces: ['application/json', DOCX_TYPE, 'text/html'],
      response: {
        200: {
          description: 'The report',
          content: {
            'application/json': { schema: AssuranceReport },
            [DOCX_TYPE]: { schema: Binary },
            'text/html': { schema: z.string() },
          },
        },
        400: ProblemResponse,
        401: ProblemResponse,
        403: ProblemResponse,
        422: ProblemResponse,
      },
    },
    handler: async (request, reply) => {
      // The report is read whole first; the Word or HTML document is then built from it alone.
      const report = await buildAssuranceReport(app.db, request.query, app.now());
      reply.header('cache-control', 'private, no-store');
      if (request.query.format === 'docx') {
        const { renderAssuranceDocx } = await import('./render-docx');
        const file = await renderAssuranceDocx(report);
        return reply.type(DOCX_TYPE).header('content-disposition', `attachment; filename="${fileName(report, 'docx')}"`).send(file as never);
      }
      if (request.query.format === 'html') {
        const { renderAssuranceHtml, ASSURANCE_HTML_CSP } = await import('./render-html');
        // The page's own stylesheet is inline: its hash, not the API's strict policy, says what it may run.
        return reply.type('text/html; charset=utf-8').header('content-security-policy', ASSURANCE_HTML_CSP).send(renderAssuranceHtml(report));
      }
      return report;
    },
  });
}
