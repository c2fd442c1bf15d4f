import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvidenceFile } from '@lrt/contracts';
import { useUploadEvidence, type EvidenceUpload } from './api/upload-evidence';
import { checkEvidenceFile, labelFromFileName, uploadRefusal } from './evidence-files';

/** A document chosen as evidence: uploading (no `fileId` yet) or stored, waiting for the update that cites it. */
export interface EvidenceDocument {
  key: number;
  name: string;
  size: number;
  contentType: string;
  /** What the update calls it; starts as the file name without its extension. */
  label: string;
  /** The stored document's id, once the upload has finished. */
  fileId: number | null;
  /** How much has been sent, 0 to 1; null while the browser cannot tell. */
  progress: number | null;
}

export interface EvidenceUploads {
  documents: readonly EvidenceDocument[];
  /** Why the last file chosen was not accepted (checked here first, else as the API refused it). */
  refusal: string | undefined;
  /** What a screen reader is told as uploads start and finish. */
  announcement: string;
  choose: (file: File) => void;
  /** Drops a document from this update (cancelling its upload if it is still going); the stored file is left alone. */
  remove: (key: number) => void;
  setLabel: (key: number, label: string) => void;
  /** After the update is posted: start again with no documents. */
  clear: () => void;
}

let nextKey = 1;

/** Documents for one progress update of a signed-in person, stored with `POST /api/evidence`. */
export function useEvidenceUploads(maxMegabytes: number | undefined): EvidenceUploads {
  return useDocumentUploads(useUploadEvidence().mutateAsync, maxMegabytes);
}

/**
 * Documents for one progress update, each uploaded as soon as it is chosen so the person sees it go. A file
 * that is too large or of a kind not accepted is refused before any of it is sent. `upload` is where they go:
 * the signed-in route, or a reply link's.
 */
export function useDocumentUploads(upload: (upload: EvidenceUpload) => Promise<EvidenceFile>, maxMegabytes: number | undefined): EvidenceUploads {
  const [documents, setDocuments] = useState<EvidenceDocument[]>([]);
  const [refusal, setRefusal] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const controllers = useRef(new Map<number, AbortController>());

  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const update = useCallback(
    (key: number, patch: Partial<EvidenceDocument>) =>
      setDocuments((current) => current.map((document) => (document.key === key ? { ...document, ...patch } : document))),
    [],
  );

  const choose = (file: File) => {
    const problem = checkEvidenceFile(file, maxMegabytes);
    if (problem) {
      setRefusal(problem);
      setAnnouncement('');
      return;
    }
    setRefusal(undefined);
    const key = nextKey++;
    const controller = new AbortController();
    controllers.current.set(key, controller);
    setDocuments((current) => [
      ...current,
      { key, name: file.name, size: file.size, contentType: file.type, label: labelFromFileName(file.name), fileId: null, progress: 0 },
    ]);
    setAnnouncement(`Uploading ${file.name}`);
    upload({
      file,
      signal: controller.signal,
      onProgress: ({ loaded, total }) => update(key, { progress: total ? Math.min(1, loaded / total) : null }),
    })
      .then((stored) => {
        update(key, { fileId: stored.id, name: stored.name, size: stored.size, contentType: stored.contentType, progress: 1 });
        setAnnouncement(`${stored.name} has been uploaded`);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setDocuments((current) => current.filter((document) => document.key !== key));
        setRefusal(uploadRefusal(error, file.name, maxMegabytes));
        setAnnouncement('');
      })
      .finally(() => controllers.current.delete(key));
  };

  const remove = (key: number) => {
    const document = documents.find((candidate) => candidate.key === key);
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    setDocuments((current) => current.filter((candidate) => candidate.key !== key));
    if (document) setAnnouncement(`${document.name} has been removed from this update`);
  };

  const clear = () => {
    controllers.current.forEach((controller) => controller.abort());
    controllers.current.clear();
    setDocuments([]);
    setRefusal(undefined);
    setAnnouncement('');
  };

  return { documents, refusal, announcement, choose, remove, setLabel: (key, label) => update(key, { label }), clear };
}
