import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { fileTypeFromFile } from 'file-type/node';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVIDENCE_CONTENT_TYPES, EvidenceFile, IdParams, RespondActionParams, RespondParams } from '@lrt/contracts';
import { dialectOf, type Db, type Tx } from '@lrt/db';
import { actorOf, requirePrincipal } from '../../plugins/auth';
import { ProblemError, ProblemResponse, unprocessable } from '../../plugins/problems';
import { getSettings } from '../settings/settings.service';
import { evidenceStore, type EvidenceStore, type StagedUpload } from './evidence-store';
import { contentDisposition, decideEvidenceType, sanitiseFileName } from './evidence-type';
import { evidenceFileForDownload, keepEvidenceFile } from './evidence.service';
import { replyDownload, replyUploader } from '../chase/respond.service';
import type { Actor } from '../../lib/audit';

export interface EvidenceRouteOptions {
  /** The evidence folder; without one (an in-memory database given none) documents cannot be uploaded. */
  evidenceDir: string | undefined;
}

/**
 * Where documents go when the app is given no evidence folder: `evidence/` beside the SQLite file (better-sqlite3
 * names its connection by the file's path). An in-memory database has no such place, nor has PostgreSQL (the
 * database is on another machine, so there is no folder of its own to put them beside): there the folder is the
 * configuration's (EVIDENCE_DIR, which the server always passes), and without one uploads are refused (503).
 */
export function defaultEvidenceDir(db: Db): string | undefined {
  if (dialectOf(db) !== 'sqlite') return undefined;
  const file = db.$client.name;
  return file && file !== ':memory:' ? join(dirname(file), 'evidence') : undefined;
}

const MEGABYTE = 1024 * 1024;
/** Room for the multipart framing around the document when judging a request by its Content-Length. */
const MULTIPART_OVERHEAD = 64 * 1024;
/** A form needs the one document; a few small fields more are tolerated (and ignored). */
const FORM_LIMITS = { files: 1, fields: 8, fieldSize: 1024, fieldNameSize: 100, parts: 9, headerPairs: 50 };

const Binary = z.string().meta({ format: 'binary' });
/** What the form carries, for the API document: the handler reads the form as a stream (see `formValidator`). */
const UploadForm = z.object({ file: Binary.describe('The document: PDF, Word, Excel, PowerPoint, PNG, JPEG, GIF, WebP, plain text or CSV') });

/**
 * The upload's body is not parsed before the handler (it is streamed to disk), so there is nothing to validate
 * against UploadForm; the handler refuses a form without its file. Everything else is validated as usual.
 */
const formValidator = (route: Parameters<typeof validatorCompiler>[0]) => (route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(route));

const problem = (status: number, code: string, title: string, message: string) =>
  new ProblemError(status, code, title, `file: ${message}`, [{ path: 'file', message }]);
const noFile = (message = 'choose a document to upload (a multipart/form-data part named file)') =>
  problem(400, 'validation.failed', 'Invalid request', message);
const tooLarge = (megabytes: number) =>
  problem(413, 'evidence.too_large', 'Document too large', `is larger than ${megabytes} MB, the largest document the partnership accepts`);
const storageUnavailable = () =>
  new ProblemError(503, 'evidence.storage_unavailable', 'Documents cannot be stored', 'This server has no evidence folder configured.');

/** What went wrong while reading the form, as the problem to answer with (file-system failures stay 500s). */
function formProblem(error: unknown, megabytes: number): unknown {
  if (error instanceof ProblemError) return error;
  const { code, syscall } = (error ?? {}) as { code?: string; syscall?: string };
  if (syscall) return error;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(megabytes);
    case 'FST_FILES_LIMIT':
      return noFile('send one document at a time');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return noFile('send the document alone, in a part named file');
    default:
      return problem(400, 'request.malformed', 'Invalid request', `the form could not be read (${error instanceof Error ? error.message : 'malformed'})`);
  }
}

/** Streams the form's one document into the evidence folder's temporary space; nothing is kept yet. */
async function receiveUpload(request: FastifyRequest, store: EvidenceStore, megabytes: number) {
  let staged: StagedUpload | undefined;
  let filename = '';
  try {
    for await (const part of request.parts({ limits: { ...FORM_LIMITS, fileSize: megabytes * MEGABYTE } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw noFile(`the document goes in a part named file, not ${part.fieldname.slice(0, 40)}`);
      }
      filename = part.filename;
      staged = await store.stage(part.file);
      if (part.file.truncated) throw tooLarge(megabytes);
    }
  } catch (error) {
    if (staged) await store.discard(staged);
    throw formProblem(error, megabytes);
  }
  if (!staged) throw noFile();
  return { staged, filename };
}

export async function evidenceRoutes(app: FastifyInstance, options: EvidenceRouteOptions) {
  // Only these routes take multipart forms.
  await app.register(multipart, { limits: FORM_LIMITS });
  const store = options.evidenceDir ? evidenceStore(options.evidenceDir) : null;
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** A kept document, as an attachment: never rendered by the browser, never cached. */
  const sendDocument = async (reply: FastifyReply, file: { sha256: string; contentType: string; size: number; name: string }) => {
    if (!store) throw storageUnavailable();
    const path = store.pathOf(file.sha256);
    // A row without its bytes is the server's fault (a lost or partial restore): a 500, logged with the path.
    await stat(path);
    return reply
      .header('content-type', file.contentType.startsWith('text/') ? `${file.contentType}; charset=utf-8` : file.contentType)
      .header('content-length', file.size)
      .header('content-disposition', contentDisposition(file.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      // Streamed as it is on disk: the response schema documents the bytes, it does not serialise them.
      .send(createReadStream(path) as unknown as string);
  };

  /** Streams, checks and keeps one uploaded document as the uploader's. */
  const acceptUpload = async (request: FastifyRequest, uploader: Actor, alsoIn?: (tx: Tx) => void | Promise<void>) => {
    if (!request.isMultipart()) throw noFile('send the document as multipart/form-data, in a part named file');
    const megabytes = (await getSettings(app.db)).evidenceMaxMegabytes;
    // Refuse an upload that says it is far too large before reading it.
    if (Number(request.headers['content-length']) > megabytes * MEGABYTE + MULTIPART_OVERHEAD) throw tooLarge(megabytes);
    if (!store) throw storageUnavailable();
    const { staged, filename } = await receiveUpload(request, store, megabytes);
    try {
      if (staged.size === 0) throw unprocessable('evidence.empty', [{ path: 'file', message: 'is empty' }]);
      const name = sanitiseFileName(filename);
      const detected = await fileTypeFromFile(staged.tempPath);
      const contentType = decideEvidenceType({ name, detected, isText: staged.isText });
      // Awaited here, so the staged copy is discarded only once the upload has been kept (or refused).
      return await keepEvidenceFile(app.db, store, staged, { name, contentType }, uploader, app.now(), alsoIn);
    } finally {
      await store.discard(staged);
    }
  };

  r.post('/evidence', {
    config: { access: 'postUpdates' },
    schema: {
      tags: ['Progress updates'],
      summary: 'Upload an evidence document, to cite in a progress update',
      description:
        'A multipart/form-data body with one part named `file`. The type is decided from the bytes, never the name, and the name must ' +
        'agree (PNG bytes named .pdf are refused): PDF, Word, Excel and PowerPoint (current and 97–2003), PNG, JPEG, GIF, WebP, and plain ' +
        'text or CSV (UTF-8 without NUL bytes). At most the partnership’s `evidenceMaxMegabytes`. The answer’s `id` is cited as ' +
        '`{ label, fileId }` in `POST /actions/{id}/updates`; until then only the uploader can download it. A document is evidence for one ' +
        'action: cite it on another and it is refused. Refused uploads leave nothing behind.',
      consumes: ['multipart/form-data'],
      body: UploadForm,
      response: {
        201: EvidenceFile,
        400: ProblemResponse,
        401: ProblemResponse,
        403: ProblemResponse,
        413: ProblemResponse,
        415: ProblemResponse,
        422: ProblemResponse,
        503: ProblemResponse,
      },
    },
    // Fastify types a route's compiler against the route's whole schema object; it is called per part, as above.
    validatorCompiler: formValidator as never,
    handler: async (request, reply) => reply.status(201).send(await acceptUpload(request, actorOf(request))),
  });

  r.post('/respond/:token/evidence', {
    config: { access: 'public' },
    schema: {
      tags: ['Chasing'],
      summary: 'Upload an evidence document through a reply link, to cite in an update posted with it',
      description:
        'As `POST /evidence`, for the holder of a chase message’s personal link (no session): the document is kept as the holder’s, to cite ' +
        'as `{ label, fileId }` in `POST /respond/{token}/actions/{id}/updates`. The link is checked before the document is read: an unknown ' +
        'link answers 404, a revoked or expired one 410.',
      consumes: ['multipart/form-data'],
      params: RespondParams,
      body: UploadForm,
      response: { 201: EvidenceFile, 400: ProblemResponse, 404: ProblemResponse, 410: ProblemResponse, 413: ProblemResponse, 415: ProblemResponse, 422: ProblemResponse, 503: ProblemResponse },
    },
    validatorCompiler: formValidator as never,
    handler: async (request, reply) => {
      const link = { requestId: request.id, ip: request.ip };
      const { actor, recordUpload } = await replyUploader(app.db, request.params.token, app.now(), link);
      return reply.status(201).send(await acceptUpload(request, actor, recordUpload));
    },
  });

  r.get('/respond/:token/evidence/:id', {
    config: { access: 'public' },
    schema: {
      tags: ['Chasing'],
      summary: 'Download an evidence document through a reply link',
      description:
        'For the holder of a chase message’s personal link: a document cited by an update on the link’s actions, or one they uploaded ' +
        'through it and have not cited yet; always as an attachment. Anything else answers 404; a revoked or expired link 410.',
      params: RespondActionParams,
      produces: EVIDENCE_CONTENT_TYPES,
      response: {
        200: { description: 'The document’s bytes', content: Object.fromEntries(EVIDENCE_CONTENT_TYPES.map((type) => [type, { schema: Binary }])) },
        400: ProblemResponse,
        404: ProblemResponse,
        410: ProblemResponse,
        503: ProblemResponse,
      },
    },
    handler: async (request, reply) => {
      const link = { requestId: request.id, ip: request.ip };
      return sendDocument(reply, await replyDownload(app.db, request.params.token, request.params.id, app.now(), link));
    },
  });

  r.get('/evidence/:id', {
    config: { access: 'read' },
    schema: {
      tags: ['Progress updates'],
      summary: 'Download an evidence document',
      description:
        'Always as an attachment, with the type found when it was uploaded. For anyone who may read an action whose progress updates cite ' +
        'it, and for its uploader until an update cites it; to anyone else it does not exist (404).',
      params: IdParams,
      produces: EVIDENCE_CONTENT_TYPES,
      response: {
        200: { description: 'The document’s bytes', content: Object.fromEntries(EVIDENCE_CONTENT_TYPES.map((type) => [type, { schema: Binary }])) },
        400: ProblemResponse,
        401: ProblemResponse,
        403: ProblemResponse,
        404: ProblemResponse,
        503: ProblemResponse,
      },
    },
    handler: async (request, reply) =>
      sendDocument(reply, await evidenceFileForDownload(app.db, request.params.id, requirePrincipal(request))),
  });
}
