/** Query keys of reviews and what hangs off them (learning points, recommendations). */
export const reviewKeys = {
  all: ['reviews'] as const,
  lists: () => [...reviewKeys.all, 'list'] as const,
  list: () => [...reviewKeys.lists(), 'all'] as const,
  byIds: (ids: readonly number[]) => [...reviewKeys.lists(), 'ids', ...ids] as const,
  details: () => [...reviewKeys.all, 'detail'] as const,
  detail: (id: number) => [...reviewKeys.details(), id] as const,
  learningPoints: (id: number) => [...reviewKeys.detail(id), 'learning-points'] as const,
  recommendations: (id: number) => [...reviewKeys.detail(id), 'recommendations'] as const,
};
