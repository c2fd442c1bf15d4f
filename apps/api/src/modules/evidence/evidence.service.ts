import { and, eq, inArray, ne } from 'drizzle-orm';
import type { EvidenceContentType, EvidenceFile, EvidenceInput, EvidenceItem, FieldError } from '@lrt/contracts';
import { evidenceFiles, first, progressUpdateFiles, progressUpdates, writeTransaction, type Db, type Tx } from '@lrt/db';
import { hasCapability, type Principal } from '@lrt/domain';
import { recordAudit, type Actor } from '../../lib/audit';
import { notFound, unprocessable } from '../../plugins/problems';
import type { EvidenceStore, StagedUpload } from './evidence-store';

type StoredEvidence = ({ label: string; url: string } | { label: string; fileId: number })[];

/** Evidence as updates show it: each document with its name, size and type (one query for a page of updates). */
export async function describeEvidence(db: Db | Tx, lists: readonly StoredEvidence[]): Promise<EvidenceItem[][]> {
  const ids = [...new Set(lists.flatMap((list) => list.flatMap((item) => ('fileId' in item ? [item.fileId] : []))))];
  const files = new Map(
    ids.length === 0 ? [] : (await db.select().from(evidenceFiles).where(inArray(evidenceFiles.id, ids))).map((file) => [file.id, file]),
  );
  return lists.map((list) =>
    list.map((item) => {
      if (!('fileId' in item)) return item;
      const file = files.get(item.fileId);
      return { label: item.label, fileId: item.fileId, name: file?.name ?? 'Missing document', size: file?.size ?? 0, contentType: file?.contentType ?? 'application/octet-stream' };
    }),
  );
}

type EvidenceRow = typeof evidenceFiles.$inferSelect;

const toDto = (row: EvidenceRow): EvidenceFile => ({
  id: row.id,
  name: row.name,
  size: row.size,
  contentType: row.contentType,
  sha256: row.sha256,
  uploadedAt: row.uploadedAt,
});

const fileIdsOf = (evidence: readonly EvidenceInput[]) => evidence.flatMap((item, index) => ('fileId' in item ? [{ index, fileId: item.fileId }] : []));

/** Of these documents, those an update on some other action already cites (a document is evidence for one action). */
async function citedOnOtherActions(tx: Db | Tx, fileIds: number[], actionId: number) {
  if (fileIds.length === 0) return new Set<number>();
  const rows = await tx
    .selectDistinct({ fileId: progressUpdateFiles.evidenceFileId })
    .from(progressUpdateFiles)
    .innerJoin(progressUpdates, eq(progressUpdates.id, progressUpdateFiles.progressUpdateId))
    .where(and(inArray(progressUpdateFiles.evidenceFileId, fileIds), ne(progressUpdates.actionId, actionId)));
  return new Set(rows.map((row) => row.fileId));
}

const citedElsewhereError = (index: number, fileId: number): FieldError => ({
  path: `evidence.${index}.fileId`,
  message: `evidence document ${fileId} is already evidence on another action; upload it again for this one`,
});

/**
 * Checks that every document an update cites exists and was uploaded by its author (a file id cannot be borrowed
 * from someone else's upload), naming the evidence item of any that is not (422). Given the action, it also
 * refuses a document already cited on another action (which `linkEvidenceFiles` checks in any case).
 */
export async function checkEvidenceFiles(tx: Tx, evidence: readonly EvidenceInput[], authorUserId: number, actionId?: number) {
  const cited = fileIdsOf(evidence);
  if (cited.length === 0) return;
  const found = new Map(
    (await tx.select().from(evidenceFiles).where(inArray(evidenceFiles.id, cited.map((c) => c.fileId)))).map((file) => [file.id, file]),
  );
  const notTheirs = cited
    .filter(({ fileId }) => found.get(fileId)?.uploadedByUserId !== authorUserId)
    .map(({ index, fileId }) => ({ path: `evidence.${index}.fileId`, message: `no evidence document with id ${fileId} uploaded by you` }));
  if (notTheirs.length > 0) throw unprocessable('evidence.unknown_file', notTheirs);
  if (actionId !== undefined) await refuseCitedElsewhere(tx, cited, actionId);
}

async function refuseCitedElsewhere(tx: Tx, cited: { index: number; fileId: number }[], actionId: number) {
  const elsewhere = await citedOnOtherActions(tx, cited.map((c) => c.fileId), actionId);
  const errors = cited.filter(({ fileId }) => elsewhere.has(fileId)).map(({ index, fileId }) => citedElsewhereError(index, fileId));
  if (errors.length > 0) throw unprocessable('evidence.cited_on_another_action', errors);
}

/**
 * Records which documents an update cites, in the update's transaction; from then on they are kept for good.
 * A document already cited on another action is refused (422), which undoes the whole update.
 */
export async function linkEvidenceFiles(tx: Tx, progressUpdateId: number, evidence: readonly EvidenceInput[]) {
  const cited = fileIdsOf(evidence);
  if (cited.length === 0) return;
  const update = await first(
    tx.select({ actionId: progressUpdates.actionId }).from(progressUpdates).where(eq(progressUpdates.id, progressUpdateId)),
  );
  if (!update) throw new Error(`linkEvidenceFiles: no progress update ${progressUpdateId}`);
  await refuseCitedElsewhere(tx, cited, update.actionId);
  const fileIds = [...new Set(cited.map((c) => c.fileId))];
  await tx.insert(progressUpdateFiles).values(fileIds.map((evidenceFileId) => ({ progressUpdateId, evidenceFileId })));
}

/** The row of an upload and its audit event, in the caller's transaction. */
export async function recordEvidenceFileIn(
  tx: Tx,
  file: { sha256: string; name: string; size: number; contentType: EvidenceContentType },
  actor: Actor,
  now: Date,
): Promise<EvidenceFile> {
  const [row] = await tx
    .insert(evidenceFiles)
    .values({ ...file, uploadedByUserId: actor.id, uploadedByName: actor.name, uploadedAt: now.toISOString() })
    .returning();
  await recordAudit(tx, actor, { entity: 'evidence_file', entityId: row!.id, operation: 'create', after: { ...file }, at: now });
  return toDto(row!);
}

/** Settles when the upload this process is keeping now has been kept or cleaned up after (see keepEvidenceFile). */
let keeping: Promise<unknown> = Promise.resolve();

/**
 * Keeps a checked upload: its bytes under their hash in the evidence folder (already fsynced; the rename happens
 * before the row is committed, outside the transaction), then its row, with whatever `alsoIn` records beside it.
 * If the transaction fails, a file placed for it that no row uses is removed again. The uploads of this process
 * are kept one after another, from the rename to the cleanup, so none interleaves with another: a second upload
 * of the same bytes never finds the file, relies on it, and then sees it removed by the first's cleanup.
 */
export async function keepEvidenceFile(
  db: Db,
  store: EvidenceStore,
  staged: StagedUpload,
  details: { name: string; contentType: EvidenceContentType },
  actor: Actor,
  now: Date,
  alsoIn?: (tx: Tx) => void | Promise<void>,
): Promise<EvidenceFile> {
  const kept = keeping.then(async () => {
    const placed = store.place(staged);
    try {
      return await writeTransaction(db, async (tx) => {
        const file = await recordEvidenceFileIn(tx, { sha256: staged.sha256, size: staged.size, ...details }, actor, now);
        await alsoIn?.(tx);
        return file;
      });
    } catch (error) {
      const used = await first(
        db.select({ id: evidenceFiles.id }).from(evidenceFiles).where(eq(evidenceFiles.sha256, staged.sha256)).limit(1),
      );
      if (placed.created && !used) store.remove(staged.sha256);
      throw error;
    }
  });
  keeping = kept.catch(() => undefined);
  return kept;
}

/** Every role that may read reads every action today; a narrower rule (an agency's own actions) goes here. */
const mayReadActions = (viewer: Principal) => hasCapability(viewer, 'read');

/**
 * A document as its downloader may have it: anyone who may read an action whose history cites it, or its
 * uploader while no update cites it yet. Anyone else is told it does not exist (404), so ids cannot be probed.
 */
export async function evidenceFileForDownload(db: Db, id: number, viewer: Principal) {
  const file = await first(db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id)));
  if (!file) throw notFound('evidence', id);
  const cited = await first(db.select().from(progressUpdateFiles).where(eq(progressUpdateFiles.evidenceFileId, id)).limit(1));
  const allowed = cited ? mayReadActions(viewer) : file.uploadedByUserId === viewer.id;
  if (!allowed) throw notFound('evidence', id);
  return toDto(file);
}
