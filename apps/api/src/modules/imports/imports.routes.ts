import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, IMPORT_MAX_BYTES, ImportCommitResult, ImportPatch, ImportPreview } from '@lrt/contracts';
import { actorOf, requirePrincipal } from '../../plugins/auth';
import { ProblemError, ProblemResponse, unprocessable } from '../../plugins/problems';
import { planClock } from '../settings/settings.service';
import type { MailContext } from '../chase/chase.service';
import { commitImport, createImport, patchImport, previewImport } from './imports.service';
import { readSheet } from './read-sheet';

const MEGABYTES = IMPORT_MAX_BYTES / (1024 * 1024);
const FORM_LIMITS = { files: 1, fields: 4, fieldSize: 100, fieldNameSize: 100, parts: 5, headerPairs: 50, fileSize: IMPORT_MAX_BYTES };
/** Room for the multipart framing when judging a request by its Content-Length. */
const MULTIPART_OVERHEAD = 64 * 1024;

const fileProblem = (status: number, code: string, title: string, message: string) => new ProblemError(status, code, title, `file: ${message}`, [{ path: 'file', message }]);
const tooLarge = () => fileProblem(413, 'import.too_large', 'File too large', `is larger than ${MEGABYTES} MB, the largest plan one import takes: split it, or save it without images`);

const Binary = z.string().meta({ format: 'binary' });
const UploadForm = z.object({
  reviewId: z.string().describe('The review the plan belongs to'),
  file: Binary.describe(`The plan: CSV (UTF-8 or Windows-1252; comma, semicolon or tab separated) or Excel (.xlsx), at most ${MEGABYTES} MB`),
});
/** The form is read as a stream in the handler; other parts of the request are validated as usual. */
const formValidator = (route: Parameters<typeof validatorCompiler>[0]) => (route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(route));

async function receivePlan(request: FastifyRequest) {
  if (!request.isMultipart()) throw fileProblem(400, 'validation.failed', 'Invalid request', 'send the plan as multipart/form-data, in a part named file, with the reviewId');
  if (Number(request.headers['content-length']) > IMPORT_MAX_BYTES + MULTIPART_OVERHEAD) throw tooLarge();
  let bytes: Buffer | undefined;
  let fileName = '';
  let reviewId: string | undefined;
  try {
    for await (const part of request.parts({ limits: FORM_LIMITS })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw fileProblem(400, 'validation.failed', 'Invalid request', `the plan goes in a part named file, not ${part.fieldname.slice(0, 40)}`);
        }
        fileName = part.filename;
        bytes = await part.toBuffer();
      } else if (part.fieldname === 'reviewId') reviewId = String(part.value);
    }
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw fileProblem(400, 'request.malformed', 'Invalid request', `the form could not be read (${error instanceof Error ? error.message : 'malformed'})`);
  }
  const id = Number(reviewId);
  if (!reviewId || !Number.isInteger(id) || id < 1) throw unprocessable('validation.failed', [{ path: 'reviewId', message: 'choose the review the plan belongs to (a review id)' }]);
  if (!bytes) throw fileProblem(400, 'validation.failed', 'Invalid request', 'choose a CSV or Excel file (a multipart/form-data part named file)');
  const name = (fileName.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').slice(0, 255) || 'plan';
  return { reviewId: id, fileName: name, bytes };
}

export async function importRoutes(app: FastifyInstance, mail: MailContext) {
  await app.register(multipart, { limits: FORM_LIMITS });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = async (request: FastifyRequest) => planClock(app.db, app.now(), requirePrincipal(request));
  const PREVIEW_NOTE =
    'The preview is the commit run and rolled back: every row goes through the same rules as the API, so what it shows (the refs actions will get, ' +
    'each row’s errors and warnings, updates to actions matched by ref and conflicts where an action changed since its export) is what the commit will do.';

  r.post('/imports', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Imports'],
      summary: 'Upload a spreadsheet action plan into a review, and preview it',
      description:
        `A multipart/form-data body with \`reviewId\` and one part named \`file\`: CSV or XLSX, told apart by its bytes, at most ${MEGABYTES} MB and 20,000 rows. ` +
        'The header is found (titles above it and repeated header rows are skipped), columns are matched to fields by the names people give them, ' +
        'and agencies by name or short name with near misses suggested. The file itself is not kept, only its cells. ' +
        `Refused: another kind of file (415), an empty file, no recognisable header, macros, links to other workbooks or a zip bomb (422), too large (413). ${PREVIEW_NOTE}`,
      consumes: ['multipart/form-data'],
      body: UploadForm,
      response: { 201: ImportPreview, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 413: ProblemResponse, 415: ProblemResponse, 422: ProblemResponse },
    },
    validatorCompiler: formValidator as never,
    handler: async (request, reply) => {
      const { reviewId, fileName, bytes } = await receivePlan(request);
      const sheet = await readSheet(bytes, fileName);
      return reply.status(201).send(await createImport(app.db, { reviewId, fileName, sheet }, await clock(request), actorOf(request), mail));
    },
  });

  r.get('/imports/:id', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Imports'],
      summary: 'An import and its preview, as it now stands',
      description: `${PREVIEW_NOTE} A committed import shows what it made.`,
      params: IdParams,
      response: { 200: ImportPreview, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => previewImport(app.db, request.params.id, await clock(request), actorOf(request), mail),
  });

  r.patch('/imports/:id', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Imports'],
      summary: 'Correct an import: the mapping of columns, the agencies names stand for, the rows left out',
      description:
        '`mapping` gives each column its field (`ignore` leaves it out; a field may be given to one column only). `agencyMatches` says what a ' +
        'name in the file means: an existing agency (`agencyId`), one to create on commit (`create`), or none (`agencyId: null`). `leaveOut` ' +
        `lists the sheet rows not to import. Answers the preview again. ${PREVIEW_NOTE}`,
      params: IdParams,
      body: ImportPatch,
      response: { 200: ImportPreview, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => patchImport(app.db, request.params.id, request.body, await clock(request), actorOf(request), mail),
  });

  r.post('/imports/:id/commit', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Imports'],
      summary: 'Import the plan: all of it, or nothing',
      description:
        'Creates and updates the actions of the preview, the agencies chosen to be created and the first progress notes (marked as imported, ' +
        'by the importer), in one transaction with their audit trail. Any row with an error or conflict (not left out) refuses the whole ' +
        'commit with 422 `import.not_ready` naming the rows; nothing is saved. An import commits once (409 `import.committed`).',
      params: IdParams,
      response: { 200: ImportCommitResult, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => commitImport(app.db, request.params.id, await clock(request), actorOf(request), mail),
  });
}
