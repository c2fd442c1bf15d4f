import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OutboxEmailDetail as OutboxEmailDetailSchema } from '@lrt/contracts';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { outboxKeys } from './keys';

export type OutboxEmailDetail = z.infer<typeof OutboxEmailDetailSchema>;

/** One message with its HTML part, which the list leaves out (it is long, and only read when asked for). */
export const getOutboxEmail = (id: number, { signal }: { signal?: AbortSignal } = {}) => api.get<OutboxEmailDetail>(`/outbox/${id}`, { signal });

export const outboxEmailQueryOptions = (id: number) =>
  queryOptions({
    queryKey: outboxKeys.detail(id),
    queryFn: ({ signal }) => getOutboxEmail(id, { signal }),
  });

export const useOutboxEmail = (id: number, { enabled }: { enabled: boolean }) => useQuery({ ...outboxEmailQueryOptions(id), enabled });
