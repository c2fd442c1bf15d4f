import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ChaseCandidates } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { chaseKeys } from './keys';

/** The scope of a chase as the URL holds it: everything, a review, a subgroup or an agency (or several of these). */
export interface ChaseScope {
  reviewId?: number | undefined;
  subgroupId?: number | undefined;
  agencyId?: number | undefined;
}

export const scopeQuery = ({ reviewId, subgroupId, agencyId }: ChaseScope) => ({ reviewId, subgroupId, agencyId });

/** `GET /api/chase/candidates`: per agency, its actions needing an update, who would be asked, and what was last asked. */
export const getChaseCandidates = (scope: ChaseScope, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<ChaseCandidates>('/chase/candidates', { query: scopeQuery(scope), signal });

export const chaseCandidatesQueryOptions = (scope: ChaseScope) =>
  queryOptions({
    queryKey: chaseKeys.candidates(scopeQuery(scope)),
    queryFn: ({ signal }) => getChaseCandidates(scope, { signal }),
    // While another scope loads, the last one stays on screen (marked busy) rather than blinking away.
    placeholderData: keepPreviousData,
  });

export const useChaseCandidates = (scope: ChaseScope) => useQuery(chaseCandidatesQueryOptions(scope));
