/** Query keys of user accounts. Lists are keyed by their filters, details by id. */
export interface UserListFilters {
  role?: string | undefined;
  active?: boolean | undefined;
}

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (filters: UserListFilters) => [...userKeys.lists(), filters] as const,
  details: () => [...userKeys.all, 'detail'] as const,
  detail: (id: number) => [...userKeys.details(), id] as const,
};

/** Query keys of the email domains whose people get an account at their first single sign-on. */
export const ssoDomainKeys = {
  all: ['sso-domains'] as const,
  list: () => [...ssoDomainKeys.all, 'list'] as const,
};

/** Query keys of the read-only API tokens for reporting tools. */
export const apiTokenKeys = {
  all: ['api-tokens'] as const,
  list: () => [...apiTokenKeys.all, 'list'] as const,
};

/** What the outbox list is narrowed to, as its URL says. */
export interface OutboxFilters {
  status?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
}

/** Query keys of the outbox: lists by their filters, one message (with its HTML part) by id. */
export const outboxKeys = {
  all: ['outbox'] as const,
  lists: () => [...outboxKeys.all, 'list'] as const,
  list: (filters: OutboxFilters) => [...outboxKeys.lists(), filters] as const,
  detail: (id: number) => [...outboxKeys.all, 'detail', id] as const,
};
