import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceFile, ProgressUpdate } from '@lrt/contracts';
import { auditEvents, evidenceFiles, progressUpdateFiles, rawRun, settings, writeTransaction } from '@lrt/db';
import { testDialect } from '@lrt/db/testing';
import { expectProblem } from '../../testing/http-expect';
import { createTestWorld, factories, seedSmallPlan, TEST_NOW, type Caller, type TestWorld } from '../../testing/test-app';
import { multipartBody as multipart } from '../../testing/multipart';

// ---- bytes of real documents, built here so the test needs no fixtures ---------------------------------------

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
    'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
/** A real 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const TEXT = Buffer.from('Audit of 30 case files: 27 show the child was seen alone.\nRe-audit due in May. £0 cost — done in-house.\n');
const CSV = Buffer.from('team,briefed\nNorth,12\nSouth,9\n');
/** The signature of a Compound File Binary container (a 97–2003 Office document), padded to a sector. */
const CFB = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 0)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90), Buffer.from('This program cannot be run in DOS mode.')]);
const NOTHING_KNOWN = Buffer.from([0x13, 0x37, 0x00, 0xfe, 0x42, 0x99, 0x00, 0x01, 0x7f, 0x80, 0x81, 0x00, 0xee, 0x10]);

function crc32(bytes: Buffer) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip of stored (uncompressed) entries: enough to make a .docx that file-type recognises. */
function zip(entries: Record<string, string>) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const DOCX = zip({
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml': '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// ---- the world --------------------------------------------------------------------------------------------------

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
let evidenceDir: string;
/** The police safeguarding lead, whose agency owns the plan's action. */
let lead: Caller;
/** A lead of another agency: may read every action, but not someone else's uncited upload. */
let otherLead: Caller;
let viewer: Caller;

beforeEach(async () => {
  evidenceDir = join(mkdtempSync(join(tmpdir(), 'lrt-evidence-test-')), 'evidence');
  world = await createTestWorld({ evidenceDir });
  plan = await seedSmallPlan(world.db);
  lead = await world.signIn(['agency_lead'], { agencyIds: [plan.police.id], name: 'DI Shah' });
  otherLead = await world.signIn(['agency_lead'], { agencyIds: [plan.health.id], name: 'Nurse Okafor' });
  viewer = await world.signIn(['viewer'], { name: 'Board Member' });
});
afterEach(async () => {
  await world.close();
  rmSync(join(evidenceDir, '..'), { recursive: true, force: true });
});

/** Every file and folder under the evidence folder, so a refusal can be shown to leave nothing behind. */
const listing = () => (existsSync(evidenceDir) ? (readdirSync(evidenceDir, { recursive: true }) as string[]).sort() : []);
const storedPath = (hash: string) => join(evidenceDir, hash.slice(0, 2), hash);
/** Makes the database refuse every new evidence row, as a failing disk would: a trigger, as each engine writes one. */
async function refuseUploads() {
  if (testDialect === 'sqlite') {
    await rawRun(world.db, "create trigger refuse_uploads before insert on evidence_files begin select raise(abort, 'disk said no'); end");
    return;
  }
  await rawRun(world.db, "create function refuse_uploads() returns trigger language plpgsql as $$ begin raise exception 'disk said no'; end $$");
  await rawRun(world.db, 'create trigger refuse_uploads before insert on evidence_files for each row execute function refuse_uploads()');
}
/** Takes refuseUploads back: a PostgreSQL test database is emptied and used again by a later test, triggers and all. */
async function allowUploads() {
  if (testDialect === 'sqlite') {
    await rawRun(world.db, 'drop trigger refuse_uploads');
    return;
  }
  await rawRun(world.db, 'drop trigger refuse_uploads on evidence_files');
  await rawRun(world.db, 'drop function refuse_uploads()');
}

const upload = (filename: string, content: Buffer | string, as: Caller = lead, contentType?: string) =>
  world.request({ method: 'POST', url: '/api/evidence', ...multipart([{ name: 'file', filename, content, ...(contentType ? { contentType } : {}) }]), as });
const download = (id: number, as: Caller | null = lead) => world.request({ method: 'GET', url: `/api/evidence/${id}`, as });
const uploaded = async (filename: string, content: Buffer | string, as: Caller = lead) => {
  const response = await upload(filename, content, as);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<EvidenceFile>();
};
const postUpdate = (evidence: unknown[], extra: Record<string, unknown> = {}, actionId = plan.action.id, as: Caller = lead) =>
  world.request({
    method: 'POST',
    url: `/api/actions/${actionId}/updates`,
    payload: { note: 'Audit of case files completed', confidence: 'on_track', evidence, ...extra },
    as,
  });
const citedRows = async () => world.db.select().from(progressUpdateFiles);

describe('POST /api/evidence', () => {
  it('keeps an uploaded PDF under its SHA-256, with who sent it, and says what it is', async () => {
    const response = await upload('Case file audit.pdf', PDF);
    expect(response.statusCode, response.body).toBe(201);
    const file = response.json<EvidenceFile>();
    expect(file).toEqual({
      id: expect.any(Number),
      name: 'Case file audit.pdf',
      size: PDF.length,
      contentType: 'application/pdf',
      sha256: sha256(PDF),
      uploadedAt: TEST_NOW.toISOString(),
    });
    expect(readFileSync(storedPath(file.sha256))).toEqual(PDF);
    expect(listing()).toEqual([file.sha256.slice(0, 2), join(file.sha256.slice(0, 2), file.sha256)]);
    expect(await world.db.select().from(evidenceFiles)).toEqual([
      expect.objectContaining({ id: file.id, sha256: file.sha256, uploadedByUserId: lead.userId, uploadedByName: 'DI Shah' }),
    ]);
    const audit = (await world.db.select().from(auditEvents)).filter((event) => event.entity === 'evidence_file');
    expect(audit).toEqual([
      expect.objectContaining({
        entityId: file.id,
        operation: 'create',
        actorId: lead.userId,
        after: { name: 'Case file audit.pdf', size: PDF.length, contentType: 'application/pdf', sha256: file.sha256 },
      }),
    ]);
  });

  it.each([
    ['a PNG image', 'pixel.png', PNG, 'image/png'],
    ['a plain text file', 'notes.txt', TEXT, 'text/plain'],
    ['a CSV file', 'figures.csv', CSV, 'text/csv'],
    ['a Word document', 'Briefing.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a Word 97–2003 document', 'Old minutes.doc', CFB, 'application/msword'],
    ['an Excel 97–2003 workbook', 'Figures.XLS', CFB, 'application/vnd.ms-excel'],
  ])('accepts %s by its bytes and gives it back as an attachment', async (_, name, bytes, contentType) => {
    // What the browser claims is ignored: the bytes decide.
    const response = await upload(name, bytes, lead, 'application/x-anything');
    expect(response.statusCode, response.body).toBe(201);
    const file = response.json<EvidenceFile>();
    expect(file).toMatchObject({ name, size: bytes.length, contentType, sha256: sha256(bytes) });
    expect(readFileSync(storedPath(file.sha256))).toEqual(bytes);

    const got = await download(file.id);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload).toEqual(bytes);
    expect(got.headers['content-type']).toBe(contentType.startsWith('text/') ? `${contentType}; charset=utf-8` : contentType);
    expect(got.headers['content-length']).toBe(String(bytes.length));
    expect(got.headers['content-disposition']).toBe(`attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('private, no-store');
    expect(got.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('stores the same bytes once, however often they are uploaded, and by whom', async () => {
    const first = await uploaded('audit.pdf', PDF);
    const second = await uploaded('audit copy.pdf', PDF, world.admin);
    expect(second.id).not.toBe(first.id);
    expect(second.sha256).toBe(first.sha256);
    expect(listing()).toEqual([first.sha256.slice(0, 2), join(first.sha256.slice(0, 2), first.sha256)]);
    expect((await download(first.id)).rawPayload).toEqual(PDF);
    expect((await download(second.id, world.admin)).headers['content-disposition']).toContain('filename="audit copy.pdf"');
  });

  it('keeps a clean name: no folders, no control or direction characters, no more than 255 characters', async () => {
    const file = await uploaded('C:\\Users\\shah\\Desktop\\Audit\u0007 report\u202E.pdf', PDF);
    expect(file.name).toBe('Audit report.pdf');
    const long = await uploaded(`${'Minutes of the subgroup '.repeat(20)}.pdf`, PDF);
    expect(Array.from(long.name).length).toBeGreaterThan(250);
    expect(Array.from(long.name).length).toBeLessThanOrEqual(255);
    expect(long.name.endsWith('.pdf')).toBe(true);

    const accented = await uploaded('Prüfbericht – März.pdf', PDF);
    expect((await download(accented.id)).headers['content-disposition']).toBe(
      `attachment; filename="Prufbericht  Marz.pdf"; filename*=UTF-8''${encodeURIComponent('Prüfbericht – März.pdf')}`,
    );
  });

  describe('refuses, leaving nothing behind (no file, no temporary file, no row)', () => {
    const cases: [string, () => ReturnType<typeof upload>, number, string][] = [
      ['an empty file', () => upload('empty.pdf', Buffer.alloc(0)), 422, 'evidence.empty'],
      ['a program', () => upload('setup.exe', EXE), 415, 'evidence.type_not_allowed'],
      ['a program named as a text file', () => upload('readme.txt', EXE), 415, 'evidence.type_not_allowed'],
      ['bytes of no known kind', () => upload('data.bin', NOTHING_KNOWN), 415, 'evidence.type_not_allowed'],
      ['bytes of no known kind named .pdf', () => upload('report.pdf', NOTHING_KNOWN), 422, 'evidence.type_mismatch'],
      ['a PNG named .pdf', () => upload('report.pdf', PNG), 422, 'evidence.type_mismatch'],
      ['a PDF without an extension', () => upload('report', PDF), 422, 'evidence.type_mismatch'],
      ['a Word 97–2003 document named .docx', () => upload('minutes.docx', CFB), 422, 'evidence.type_mismatch'],
      ['a text file containing NUL', () => upload('notes.txt', Buffer.from('line one\u0000line two\n')), 422, 'evidence.type_mismatch'],
      ['a CSV that is not UTF-8', () => upload('figures.csv', Buffer.from([0x74, 0x65, 0x61, 0x6d, 0x2c, 0xff, 0xfe, 0x0a])), 422, 'evidence.type_mismatch'],
      ['a form with no file part', () => world.request({ method: 'POST', url: '/api/evidence', ...multipart([{ name: 'label', content: 'Audit' }]), as: lead }), 400, 'validation.failed'],
      ['a document in a part not named file', () => world.request({ method: 'POST', url: '/api/evidence', ...multipart([{ name: 'document', filename: 'a.pdf', content: PDF }]), as: lead }), 400, 'validation.failed'],
      [
        'two documents at once',
        () =>
          world.request({
            method: 'POST',
            url: '/api/evidence',
            ...multipart([
              { name: 'file', filename: 'a.pdf', content: PDF },
              { name: 'file', filename: 'b.png', content: PNG },
            ]),
            as: lead,
          }),
        400,
        'validation.failed',
      ],
      ['a JSON body', () => world.request({ method: 'POST', url: '/api/evidence', payload: { name: 'a.pdf' }, as: lead }), 400, 'validation.failed'],
    ];

    it.each(cases)('%s', async (_, send, status, code) => {
      await uploaded('already here.png', PNG);
      const files = listing();
      const before = await world.snapshot();
      expectProblem(await send(), { status, code, path: 'file' });
      expect(listing()).toEqual(files);
      expect(await world.snapshot()).toBe(before);
    });

    it('a document larger than the partnership allows', async () => {
      await writeTransaction(world.db, (tx) => tx.update(settings).set({ evidenceMaxMegabytes: 1 }));
      const before = await world.snapshot();
      const justTooLarge = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 1 - PDF.length, 0x20)]);
      const problem = expectProblem(await upload('big.pdf', justTooLarge), { status: 413, code: 'evidence.too_large', path: 'file' });
      expect(problem.detail).toMatch(/1 MB/);
      // Far too large is refused on its Content-Length, before it is read.
      expectProblem(await upload('huge.pdf', Buffer.alloc(3 * 1024 * 1024, 0x20)), { status: 413, code: 'evidence.too_large', path: 'file' });
      expect(listing()).toEqual([]);
      expect(await world.snapshot()).toBe(before);
      // Exactly the limit is allowed.
      expect((await upload('exactly.pdf', justTooLarge.subarray(0, 1024 * 1024))).statusCode).toBe(201);
    });

    it('a file whose row cannot be written: the file placed for it is removed, one already kept stays', async () => {
      const kept = await uploaded('first.png', PNG);
      await refuseUploads();
      try {
        const files = listing();
        const before = await world.snapshot();
        expectProblem(await upload('audit.pdf', PDF), { status: 500, code: 'server.error' });
        expectProblem(await upload('same again.png', PNG), { status: 500, code: 'server.error' });
        expect(listing()).toEqual(files);
        expect(await world.snapshot()).toBe(before);
        expect(readFileSync(storedPath(kept.sha256))).toEqual(PNG);
      } finally {
        await allowUploads();
      }
    });
  });

  it('is for those who post updates, with the CSRF token of their session', async () => {
    expectProblem(await upload('a.pdf', PDF, viewer), { status: 403, code: 'auth.forbidden' });
    const body = multipart([{ name: 'file', filename: 'a.pdf', content: PDF }]);
    expectProblem(await world.request({ method: 'POST', url: '/api/evidence', ...body, as: lead, withoutCsrf: true }), { status: 403, code: 'auth.csrf' });
    expectProblem(await world.request({ method: 'POST', url: '/api/evidence', ...body, as: null }), { status: 401, code: 'auth.unauthenticated' });
    expect(listing()).toEqual([]);
  });

  it('is refused when the server has no evidence folder', async () => {
    const bare = await createTestWorld();
    try {
      const response = await bare.request({ method: 'POST', url: '/api/evidence', ...multipart([{ name: 'file', filename: 'a.pdf', content: PDF }]) });
      expectProblem(response, { status: 503, code: 'evidence.storage_unavailable' });
    } finally {
      await bare.close();
    }
  });
});

describe('GET /api/evidence/:id', () => {
  it('gives an uncited document to its uploader only; to anyone else it does not exist', async () => {
    const file = await uploaded('audit.pdf', PDF);
    expect((await download(file.id, lead)).statusCode).toBe(200);
    for (const other of [otherLead, viewer, world.admin]) {
      expectProblem(await download(file.id, other), { status: 404, code: 'evidence.not_found' });
    }
    expectProblem(await download(file.id + 1000, lead), { status: 404, code: 'evidence.not_found' });
    expectProblem(await download(file.id, null), { status: 401, code: 'auth.unauthenticated' });
  });

  it('gives a cited document to everyone who may read the action', async () => {
    const file = await uploaded('audit.pdf', PDF);
    const response = await postUpdate([{ label: 'Audit report', fileId: file.id }]);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<ProgressUpdate>().evidence).toEqual([
      { label: 'Audit report', fileId: file.id, name: 'audit.pdf', size: PDF.length, contentType: 'application/pdf' },
    ]);
    for (const reader of [lead, otherLead, viewer, world.admin]) {
      const got = await download(file.id, reader);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload).toEqual(PDF);
    }
  });

  it('answers 500, not the bytes of something else, when a kept file has gone missing', async () => {
    const file = await uploaded('audit.pdf', PDF);
    rmSync(storedPath(file.sha256));
    expectProblem(await download(file.id), { status: 500, code: 'server.error' });
  });
});

describe('citing documents in progress updates', () => {
  it("refuses someone else's upload", async () => {
    const file = await uploaded('audit.pdf', PDF, world.admin);
    const before = await world.snapshot();
    expectProblem(await postUpdate([{ label: 'Audit', fileId: file.id }]), { status: 422, code: 'evidence.unknown_file', path: 'evidence.0.fileId' });
    expect(await world.snapshot()).toBe(before);
  });

  it('refuses a document already cited on another action, and keeps it where it is', async () => {
    const otherAction = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id, subgroupId: plan.subgroup.id });
    const file = await uploaded('audit.pdf', PDF);
    expect((await postUpdate([{ label: 'Audit', fileId: file.id }])).statusCode).toBe(201);
    const link = { label: 'Minutes', url: 'https://intranet.example/minutes' };
    const before = await world.snapshot();
    expectProblem(await postUpdate([link, { label: 'Audit', fileId: file.id }], {}, otherAction.id), {
      status: 422,
      code: 'evidence.cited_on_another_action',
      path: 'evidence.1.fileId',
    });
    expect(await world.snapshot()).toBe(before);
    // Citing it again on its own action is fine.
    expect((await postUpdate([{ label: 'Audit, again', fileId: file.id }])).statusCode).toBe(201);
    expect(readFileSync(storedPath(file.sha256))).toEqual(PDF);
  });

  it('leaves a document uncited when the update citing it is refused', async () => {
    const file = await uploaded('audit.pdf', PDF);
    const files = listing();
    expectProblem(await postUpdate([{ label: 'Audit', fileId: file.id }], { confidence: undefined }), {
      status: 422,
      code: 'progress_update.confidence_required',
    });
    expectProblem(await postUpdate([{ label: '', fileId: file.id }]), { status: 400, code: 'validation.failed', path: 'evidence.0.label' });
    expect(await citedRows()).toEqual([]);
    expect(listing()).toEqual(files);
    expectProblem(await download(file.id, viewer), { status: 404, code: 'evidence.not_found' });
    expect((await download(file.id, lead)).rawPayload).toEqual(PDF);
    // ...and still citable.
    expect((await postUpdate([{ label: 'Audit', fileId: file.id }])).statusCode).toBe(201);
  });

  it('never loses a cited document to a later update that fails', async () => {
    const file = await uploaded('audit.pdf', PDF);
    expect((await postUpdate([{ label: 'Audit', fileId: file.id }])).statusCode).toBe(201);
    const files = listing();
    expectProblem(await postUpdate([{ label: 'Audit', fileId: file.id }], { statusChange: { to: 'assured' } }), {
      status: 422,
      code: 'action.transition_not_allowed',
    });
    expectProblem(await postUpdate([{ label: 'Audit', fileId: file.id }], { confidence: 'certain' }), { status: 400, code: 'validation.failed' });
    expect(listing()).toEqual(files);
    expect(await citedRows()).toHaveLength(1);
    expect((await download(file.id, viewer)).rawPayload).toEqual(PDF);
  });
});

describe('the API document', () => {
  it('describes the upload form and the download', async () => {
    const doc = (await world.request({ method: 'GET', url: '/api/openapi.json' })).json();
    const post = doc.paths['/api/evidence'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '413', '415', '422']));
    const get = doc.paths['/api/evidence/{id}'].get;
    expect(get.responses['200'].content['application/pdf'].schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(get.responses['404'].content['application/problem+json']).toBeDefined();
  });
});
