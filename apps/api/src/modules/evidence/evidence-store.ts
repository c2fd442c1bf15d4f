import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What streaming an upload to disk found out about its bytes, before anything is kept. */
export interface StagedUpload {
  /** The temporary file in the evidence folder; gone once placed or discarded. */
  readonly tempPath: string;
  readonly sha256: string;
  readonly size: number;
  /** Whether the bytes read as UTF-8 text (plain ASCII included) with no NUL byte: the only test text files can pass. */
  readonly isText: boolean;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Text has no magic bytes: it is text when it decodes as UTF-8 and holds no NUL (which no text file needs). */
class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private ok = true;

  push(chunk: Buffer) {
    if (!this.ok) return;
    if (chunk.includes(0)) this.ok = false;
    else this.tryDecode(() => this.decoder.decode(chunk, { stream: true }));
  }

  end() {
    // A multi-byte character cut off at the end is not valid UTF-8 either.
    if (this.ok) this.tryDecode(() => this.decoder.decode());
    return this.ok;
  }

  private tryDecode(decode: () => unknown) {
    try {
      decode();
    } catch {
      this.ok = false;
    }
  }
}

/** Best effort: on filesystems (or systems) that cannot fsync a directory there is nothing more to be done. */
function fsyncDirectory(path: string) {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // e.g. EISDIR or EPERM on Windows
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The evidence folder: documents named by their SHA-256 with a two-level fan-out (`ab/abcdef…`), so the same
 * bytes are stored once however often they are uploaded. Files are written once and never changed; an upload
 * streams into a temporary file in the same folder (so the final rename is atomic) and is fsynced before the
 * rename, and the rename before the database row that refers to it is committed.
 */
export function evidenceStore(root: string) {
  const pathOf = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(root, sha256.slice(0, 2), sha256);
  };

  return {
    root,
    pathOf,

    /** Streams an upload into a temporary file, hashing it and checking whether it is text on the way. */
    async stage(source: AsyncIterable<Buffer>): Promise<StagedUpload> {
      await mkdir(root, { recursive: true });
      const tempPath = join(root, `.upload-${randomUUID()}.tmp`);
      const handle = await open(tempPath, 'wx', 0o640);
      const hash = createHash('sha256');
      const text = new TextCheck();
      let size = 0;
      try {
        for await (const chunk of source) {
          hash.update(chunk);
          text.push(chunk);
          size += chunk.length;
          await handle.write(chunk);
        }
        await handle.sync();
      } catch (error) {
        await handle.close().catch(() => undefined);
        await rm(tempPath, { force: true });
        throw error;
      }
      await handle.close();
      return { tempPath, sha256: hash.digest('hex'), size, isText: text.end() };
    },

    /** Removes a staged upload that is not kept. Harmless once it has been placed. */
    async discard(staged: StagedUpload) {
      await rm(staged.tempPath, { force: true });
    },

    /**
     * Moves a staged upload to its name. If those bytes are already stored the existing file is kept and the
     * staged copy dropped. Synchronous, so nothing else in this process runs between looking and renaming.
     * Says whether the file is new (only then may a failed transaction remove it again).
     */
    place(staged: StagedUpload): { path: string; created: boolean } {
      const path = pathOf(staged.sha256);
      const folder = dirname(path);
      const newFolder = !existsSync(folder);
      mkdirSync(folder, { recursive: true });
      if (existsSync(path)) {
        rmSync(staged.tempPath, { force: true });
        return { path, created: false };
      }
      renameSync(staged.tempPath, path);
      fsyncDirectory(folder);
      if (newFolder) fsyncDirectory(root);
      return { path, created: true };
    },

    /** Takes back a file placed for a row that was never committed (and its folder, if nothing else is in it). */
    remove(sha256: string) {
      const path = pathOf(sha256);
      rmSync(path, { force: true });
      try {
        rmdirSync(dirname(path));
      } catch {
        // not empty: other documents share the folder
      }
    },
  };
}

export type EvidenceStore = ReturnType<typeof evidenceStore>;
