import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ImportPreview } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { importKeys } from './keys';

export const getImport = (id: number, { signal }: { signal?: AbortSignal } = {}) => api.get<ImportPreview>(`/imports/${id}`, { signal });

/**
 * `GET /api/imports/:id`: the preview as the server last computed it, so a reload shows the same import. A draft
 * changes only through this page's own requests, each of which answers with the new preview, so it is not fetched
 * again when the window regains focus (a preview of 10,000 rows is large).
 */
export const importQueryOptions = (id: number) =>
  queryOptions({
    queryKey: importKeys.detail(id),
    queryFn: ({ signal }) => getImport(id, { signal }),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });

export const useImport = (id: number) => useQuery(importQueryOptions(id));
