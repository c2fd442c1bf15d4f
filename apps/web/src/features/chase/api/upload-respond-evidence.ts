import { useMutation } from '@tanstack/react-query';
import type { EvidenceFile } from '@lrt/contracts';
import type { EvidenceUpload } from '@/features/evidence/api/upload-evidence';
import { uploadFile } from '@/lib/api-client';
import { respondPath } from './get-respond-view';

/** `POST /api/respond/:token/evidence`: a document stored under the link, before the update that cites it. */
export const uploadRespondEvidence = (token: string, { file, onProgress, signal }: EvidenceUpload) =>
  uploadFile<EvidenceFile>(`${respondPath(token)}/evidence`, file, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });

export const useUploadRespondEvidence = (token: string) =>
  useMutation({ mutationFn: (upload: EvidenceUpload) => uploadRespondEvidence(token, upload) });
