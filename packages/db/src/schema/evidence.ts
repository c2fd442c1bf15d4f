import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { nowIso } from './columns';
import { progressUpdates } from './progress-updates';

/**
 * An uploaded evidence document. The bytes live outside the database, in the evidence folder, named by their
 * SHA-256 (so the same document uploaded twice is stored once); this row says what they are and who sent them.
 * Append-only, like the progress updates that cite them.
 */
export const evidenceFiles = sqliteTable(
  'evidence_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    size: integer('size').notNull(),
    /** What the bytes were found to be, not what the browser claimed. */
    contentType: text('content_type').notNull(),
    uploadedByUserId: integer('uploaded_by_user_id'),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: text('uploaded_at').notNull().default(nowIso),
  },
  (t) => [index('evidence_files_sha256_idx').on(t.sha256), index('evidence_files_uploader_idx').on(t.uploadedByUserId)],
);

/** Which progress update cites which evidence document; who may read the update's action may download it. */
export const progressUpdateFiles = sqliteTable(
  'progress_update_files',
  {
    progressUpdateId: integer('progress_update_id')
      .notNull()
      .references(() => progressUpdates.id, { onDelete: 'restrict' }),
    evidenceFileId: integer('evidence_file_id')
      .notNull()
      .references(() => evidenceFiles.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.progressUpdateId, t.evidenceFileId] }), index('progress_update_files_file_idx').on(t.evidenceFileId)],
);
