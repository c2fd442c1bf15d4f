import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RespondView } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { respondKeys } from './keys';

/** The token is the credential: it goes in the path, encoded, and nothing else of the API opens with it. */
export const respondPath = (token: string) => `/respond/${encodeURIComponent(token)}`;

/** `GET /api/respond/:token`: who the link is for, who asked, until when, and the actions it may answer. */
export const getRespondView = (token: string, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<RespondView>(respondPath(token), { signal });

export const respondViewQueryOptions = (token: string) =>
  queryOptions({
    queryKey: respondKeys.view(token),
    queryFn: ({ signal }) => getRespondView(token, { signal }),
    // Typing an update must not be interrupted by a refetch when the window regains focus.
    refetchOnWindowFocus: false,
  });

export const useRespondView = (token: string) => useQuery(respondViewQueryOptions(token));
