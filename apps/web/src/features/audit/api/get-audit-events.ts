import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEvent } from '@lrt/contracts';
import { api, type Page } from '@/lib/api-client';
import { auditKeys } from './keys';

/** One page of the audit trail of one entity (`action`, `review`…), newest first. Needs `capabilities.readAudit`. */
export const getAuditEvents = (
  entity: string,
  entityId: number,
  { cursor, signal }: { cursor?: string | undefined; signal?: AbortSignal } = {},
) => api.get<Page<AuditEvent>>('/audit', { query: { entity, entityId, cursor, limit: 50 }, signal });

export const auditEventsQueryOptions = (entity: string, entityId: number) =>
  infiniteQueryOptions({
    queryKey: auditKeys.entity(entity, entityId),
    queryFn: ({ pageParam, signal }) => getAuditEvents(entity, entityId, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useAuditEvents = (entity: string, entityId: number) => useInfiniteQuery(auditEventsQueryOptions(entity, entityId));
