import { useMemo } from 'react';

/** id → item, for showing names of agencies, subgroups and themes that the API refers to by id. */
export function useLookup<T extends { id: number }>(items: readonly T[] | undefined) {
  return useMemo(() => new Map((items ?? []).map((item) => [item.id, item])), [items]);
}
