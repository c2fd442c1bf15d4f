import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '@/lib/api-client';

export type Direction = 'up' | 'down';

interface Numbered {
  id: number;
  number: number;
}

/**
 * Moving learning points or recommendations up and down with buttons: each move sends the whole new order (the
 * API renumbers them 1..n), then says where the item went in a polite live region and keeps focus on the button
 * that was pressed, or on the other one once the item reaches the top or the bottom.
 */
/** A message for a polite live region; a changed string each time, so the same words are read out again. */
export function useAnnouncer() {
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((message: string) => setAnnouncement((previous) => `${message}${previous.endsWith('\u00a0') ? '' : '\u00a0'}`), []);
  return [announcement, announce] as const;
}

export function useReorder<T extends Numbered>({
  items,
  save,
  describe,
  announce,
}: {
  /** In number order. */
  items: readonly T[];
  save: (ids: number[]) => Promise<{ items: T[] }>;
  /** "Learning point 3, Hearing the child, is now learning point 2 of 5." */
  describe: (item: T, position: number, total: number) => string;
  announce: (message: string) => void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Where focus goes once the list shows `order` (the cache tells the list a moment after the save answers). */
  const [focusAfter, setFocusAfter] = useState<{ id: number; direction: Direction; order: string } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  const buttonRef = useCallback(
    (id: number, direction: Direction) => (element: HTMLButtonElement | null) => {
      const key = `${id}:${direction}`;
      if (element) buttons.current.set(key, element);
      else buttons.current.delete(key);
    },
    [],
  );

  // Once the list shows the new order, put focus back where the person was.
  useEffect(() => {
    if (!focusAfter || items.map((item) => item.id).join() !== focusAfter.order) return;
    const other: Direction = focusAfter.direction === 'up' ? 'down' : 'up';
    const target = buttons.current.get(`${focusAfter.id}:${focusAfter.direction}`) ?? buttons.current.get(`${focusAfter.id}:${other}`);
    target?.focus();
    setFocusAfter(null);
  }, [items, focusAfter]);

  const move = async (id: number, direction: Direction) => {
    if (pending) return;
    const ids = items.map((item) => item.id);
    const from = ids.indexOf(id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from === -1 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to] as number, ids[from] as number];
    setPending(true);
    setError(null);
    try {
      const saved = await save(ids);
      const moved = saved.items.find((item) => item.id === id);
      const position = saved.items.findIndex((item) => item.id === id) + 1;
      if (moved) announce(describe(moved, position, saved.items.length));
      setFocusAfter({ id, direction, order: saved.items.map((item) => item.id).join() });
    } catch (caught) {
      const detail = isApiError(caught) ? caught.problem.detail : 'The tracker could not be reached.';
      setError(`The new order was not saved. ${detail} The list has been reloaded: check it and try again.`);
    } finally {
      setPending(false);
    }
  };

  return { move, pending, error, buttonRef };
}

/** "Move up" and "Move down" for one item; the first has no "Move up", the last no "Move down". */
export function ReorderButtons({
  id,
  index,
  total,
  label,
  reorder,
}: {
  id: number;
  index: number;
  total: number;
  /** What the item is called, for screen readers: "learning point 2". */
  label: string;
  reorder: Pick<ReturnType<typeof useReorder>, 'move' | 'pending' | 'buttonRef'>;
}) {
  const button = (direction: Direction, text: string) => (
    <button
      type="button"
      ref={reorder.buttonRef(id, direction)}
      className="govuk-button govuk-button--secondary app-plan-item__button"
      aria-disabled={reorder.pending || undefined}
      onClick={() => void reorder.move(id, direction)}
    >
      {text} <span className="govuk-visually-hidden">{label}</span>
    </button>
  );
  return (
    <>
      {index > 0 ? button('up', 'Move up') : null}
      {index < total - 1 ? button('down', 'Move down') : null}
    </>
  );
}

/** The polite live region a list's moves and saves are announced in, and the error of a move that failed. */
export function ListAnnouncements({ announcement, error }: { announcement: string; error: string | null }) {
  return (
    <>
      <p className="govuk-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {error ? (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
    </>
  );
}
