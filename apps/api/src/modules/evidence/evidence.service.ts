import { inArray } from 'drizzle-orm';
import type { EvidenceInput, EvidenceItem } from '@lrt/contracts';
import { evidenceFiles, progressUpdateFiles, type Db, type Tx } from '@lrt/db';
import { unprocessable } from '../../plugins/problems';

type StoredEvidence = ({ label: string; url: string } | { label: string; fileId: number })[];

/** Evidence as updates show it: each document with its name, size and type (one query for a page of updates). */
export function describeEvidence(db: Db | Tx, lists: readonly StoredEvidence[]): EvidenceItem[][] {
  const ids = [...new Set(lists.flatMap((list) => list.flatMap((item) => ('fileId' in item ? [item.fileId] : []))))];
  const files = new Map(
    ids.length === 0 ? [] : db.select().from(evidenceFiles).where(inArray(evidenceFiles.id, ids)).all().map((file) => [file.id, file]),
  );
  return lists.map((list) =>
    list.map((item) => {
      if (!('fileId' in item)) return item;
      const file = files.get(item.fileId);
      return { label: item.label, fileId: item.fileId, name: file?.name ?? 'Missing document', size: file?.size ?? 0, contentType: file?.contentType ?? 'application/octet-stream' };
    }),
  );
}

/**
 * Checks that every document an update cites exists and was uploaded by its author (a file id cannot be borrowed
 * from someone else's upload), naming the evidence item of any that is not (422).
 */
export function checkEvidenceFiles(tx: Tx, evidence: readonly EvidenceInput[], authorUserId: number) {
  const cited = evidence.flatMap((item, index) => ('fileId' in item ? [{ index, fileId: item.fileId }] : []));
  if (cited.length === 0) return;
  const found = new Map(
    tx.select().from(evidenceFiles).where(inArray(evidenceFiles.id, cited.map((c) => c.fileId))).all().map((file) => [file.id, file]),
  );
  const errors = cited
    .filter(({ fileId }) => found.get(fileId)?.uploadedByUserId !== authorUserId)
    .map(({ index, fileId }) => ({ path: `evidence.${index}.fileId`, message: `no evidence document with id ${fileId} uploaded by you` }));
  if (errors.length > 0) throw unprocessable('evidence.unknown_file', errors);
}

/** Records which documents an update cites, in the update's transaction; from then on they are kept for good. */
export function linkEvidenceFiles(tx: Tx, progressUpdateId: number, evidence: readonly EvidenceInput[]) {
  const fileIds = [...new Set(evidence.flatMap((item) => ('fileId' in item ? [item.fileId] : [])))];
  if (fileIds.length > 0) tx.insert(progressUpdateFiles).values(fileIds.map((evidenceFileId) => ({ progressUpdateId, evidenceFileId }))).run();
}
