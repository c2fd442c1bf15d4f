import { useEffect, useRef, useState, type ReactNode } from 'react';

interface PagedQuery<T extends { id: number }> {
  data: { pages: readonly { items: readonly T[] }[] } | undefined;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<{ data?: { pages: readonly { items: readonly T[] }[] } | undefined }>;
}

/**
 * A list read a page at a time with "Show more": the items shown so far, a ref for each item's focusable element,
 * and the button, present while there is more. After "Show more", focus moves to the first item it added, so a
 * keyboard user carries on from there rather than back at the top of the list.
 */
export function useShowMore<T extends { id: number }, E extends HTMLElement = HTMLAnchorElement>(query: PagedQuery<T>, label: string) {
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const [focusId, setFocusId] = useState<number | null>(null);
  const elements = useRef(new Map<number, E>());
  useEffect(() => {
    if (focusId === null) return;
    const element = elements.current.get(focusId);
    if (element) {
      element.focus();
      setFocusId(null);
    }
  }, [focusId, items.length]);

  const focusRef = (id: number) => (element: E | null) => {
    if (element) elements.current.set(id, element);
    else elements.current.delete(id);
  };

  const button: ReactNode = query.hasNextPage ? (
    <button
      type="button"
      className="govuk-button govuk-button--secondary"
      disabled={query.isFetchingNextPage}
      aria-disabled={query.isFetchingNextPage}
      onClick={() => {
        const before = items.length;
        void query.fetchNextPage().then((result) => {
          const next = result.data?.pages.flatMap((page) => page.items)[before];
          if (next) setFocusId(next.id);
        });
      }}
    >
      {query.isFetchingNextPage ? 'Loading more…' : label}
    </button>
  ) : null;

  return { items, focusRef, button };
}
