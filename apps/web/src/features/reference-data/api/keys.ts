/** Query keys of the partnership's reference lists: agencies, subgroups, themes. */
export const agencyKeys = {
  all: ['agencies'] as const,
  list: () => [...agencyKeys.all, 'list'] as const,
};

export const subgroupKeys = {
  all: ['subgroups'] as const,
  list: () => [...subgroupKeys.all, 'list'] as const,
};

export const themeKeys = {
  all: ['themes'] as const,
  list: () => [...themeKeys.all, 'list'] as const,
};

/** Reference lists change rarely: keep them for five minutes before asking again. */
export const REFERENCE_STALE_TIME = 5 * 60_000;
