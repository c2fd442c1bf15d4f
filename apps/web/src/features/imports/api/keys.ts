/** Query keys of imports: one preview per import, by id. */
export const importKeys = {
  all: ['imports'] as const,
  details: () => [...importKeys.all, 'detail'] as const,
  detail: (id: number) => [...importKeys.details(), id] as const,
};
