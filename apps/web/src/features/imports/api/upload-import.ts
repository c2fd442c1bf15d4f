import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportPreview } from '@lrt/contracts';
import { uploadFile, type UploadProgress } from '@/lib/api-client';
import { importQueryOptions } from './get-import';

export interface ImportUpload {
  reviewId: number;
  file: File;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** `POST /api/imports`: the spreadsheet and the review it is for, answered with the first preview. */
export const uploadImport = ({ reviewId, file, onProgress, signal }: ImportUpload) =>
  uploadFile<ImportPreview>('/imports', file, {
    fields: { reviewId: String(reviewId) },
    ...(onProgress ? { onProgress } : {}),
    ...(signal ? { signal } : {}),
  });

/** The preview it answers with is the import's first state: the page it opens next shows it without asking again. */
export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadImport,
    onSuccess: (preview) => queryClient.setQueryData(importQueryOptions(preview.id).queryKey, preview),
  });
}
