import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportPatch, ImportPreview } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { importQueryOptions } from './get-import';

/** `PATCH /api/imports/:id`: a new mapping, agency matches or rows left out; answered with the preview computed again. */
export const patchImport = (id: number, body: ImportPatch) => api.patch<ImportPreview>(`/imports/${id}`, body);

export function usePatchImport(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportPatch) => patchImport(id, body),
    onSuccess: (preview) => queryClient.setQueryData(importQueryOptions(id).queryKey, preview),
  });
}
