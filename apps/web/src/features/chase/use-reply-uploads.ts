import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvidenceUploads, EvidenceDocument } from '@/features/evidence/use-evidence-uploads';
import { checkEvidenceFile, labelFromFileName, uploadRefusal } from '@/features/evidence/evidence-files';
import { useUploadRespondEvidence } from './api/upload-respond-evidence';

let nextKey = 1;

/**
 * Documents for an update posted through a reply link: the same behaviour as the signed-in form's uploads (each
 * sent as soon as it is chosen, refused here first when too large or of a kind not accepted), but stored through
 * the link, since its holder has no session.
 */
export function useReplyUploads(token: string, maxMegabytes: number | undefined): EvidenceUploads {
  const [documents, setDocuments] = useState<EvidenceDocument[]>([]);
  const [refusal, setRefusal] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const controllers = useRef(new Map<number, AbortController>());
  const { mutateAsync: upload } = useUploadRespondEvidence(token);

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
