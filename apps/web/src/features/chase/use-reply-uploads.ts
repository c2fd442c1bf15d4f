import { useDocumentUploads, type EvidenceUploads } from '@/features/evidence/use-evidence-uploads';
import { useUploadRespondEvidence } from './api/upload-respond-evidence';

/**
 * Documents for an update posted through a reply link: the signed-in form's uploads (each sent as soon as it is
 * chosen, refused here first when too large or of a kind not accepted), stored through the link, since its
 * holder has no session.
 */
export function useReplyUploads(token: string, maxMegabytes: number | undefined): EvidenceUploads {
  return useDocumentUploads(useUploadRespondEvidence(token).mutateAsync, maxMegabytes);
}
