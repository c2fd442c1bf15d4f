import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { OutboxPage as OutboxPageSchema } from '@lrt/contracts';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { outboxKeys, type OutboxFilters } from './keys';

/** One page of the outbox, newest first, and how mail leaves the tracker (`smtp`, or `log` when no SMTP server is set). */
export type OutboxPage = z.infer<typeof OutboxPageSchema>;

export const OUTBOX_PAGE_SIZE = 50;

export const getOutbox = (filters: OutboxFilters, { cursor, signal }: { cursor?: string | undefined; signal?: AbortSignal } = {}) =>
  api.get<OutboxPage>('/outbox', { query: { ...filters, cursor, limit: OUTBOX_PAGE_SIZE }, signal });

export const outboxQueryOptions = (filters: OutboxFilters) =>
  infiniteQueryOptions({
    queryKey: outboxKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getOutbox(filters, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

/** How often the page asks again while a listed message is still waiting to leave (the scheduler's tick). */
export const OUTBOX_REFRESH_MS = 5_000;

const stillLeaving = (pages: OutboxPage[] | undefined) =>
  pages?.some((page) => page.items.some((email) => email.status === 'queued' || email.status === 'sending')) ?? false;

/**
 * The outbox, kept current while any message it shows is queued or sending: the business unit who has just sent a
 * chase sees it become sent (or kept, with its link) without reloading the page.
 */
export const useOutbox = (filters: OutboxFilters) =>
  useInfiniteQuery({
    ...outboxQueryOptions(filters),
    refetchInterval: (query) => (stillLeaving(query.state.data?.pages) ? OUTBOX_REFRESH_MS : false),
  });
