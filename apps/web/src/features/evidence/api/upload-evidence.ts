import { useMutation } from '@tanstack/react-query';
import type { EvidenceFile } from '@lrt/contracts';
import { uploadFile, type UploadProgress } from '@/lib/api-client';

export interface EvidenceUpload {
  file: File;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** `POST /api/evidence`: one document, stored before the update that cites it by its id. */
export const uploadEvidence = ({ file, onProgress, signal }: EvidenceUpload) =>
  uploadFile<EvidenceFile>('/evidence', file, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });

/**
 * A mutation, so a 401 (the session ended while choosing a file) signs the person out as every other call does.
 * Nothing cached changes: a document belongs to no action until an update cites it.
 */
export const useUploadEvidence = () => useMutation({ mutationFn: uploadEvidence });
