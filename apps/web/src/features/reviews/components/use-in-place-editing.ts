import { useEffect, useRef, useState, type RefObject } from 'react';
import { useAnnouncer, useReorder } from './reorder';

export interface Numbered {
  id: number;
  number: number;
}

/** A list of a review's plan items that the business unit changes in place, for `EditButton` and `AddInPlace`. */
export interface InPlaceEditing<T extends Numbered> {
  /** "learning point" */
  noun: string;
  total: number;
  /** The number the next item added gets, unless the person gives another. */
  nextNumber: number;
  reorder: ReturnType<typeof useReorder<T>>;
  /** For `ListAnnouncements`: moves, saves and additions. */
  announcement: string;
  isEditing: (id: number) => boolean;
  edit: (id: number) => void;
  closeEdit: (item: T, saved: T | null) => void;
  adding: boolean;
  add: () => void;
  closeAdd: (saved: T | null) => void;
  editButtonRef: (id: number) => (element: HTMLButtonElement | null) => void;
  addButtonRef: RefObject<HTMLButtonElement | null>;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Opening and closing the forms of a list in place, each where its item or its "Add" button was, and moving items
 * with Move up and Move down. A closed form says what it saved in the list's live region and gives focus back to
 * the button that opened it.
 */
export function useInPlaceEditing<T extends Numbered>({
  noun,
  items,
  order,
  describe,
}: {
  noun: string;
  /** In number order. */
  items: readonly T[];
  /** Saves the whole new order. */
  order: (ids: number[]) => Promise<{ items: T[] }>;
  /** What a move is announced as. */
  describe: (item: T, position: number, total: number) => string;
}): InPlaceEditing<T> {
  const [announcement, announce] = useAnnouncer();
  const reorder = useReorder({ items, save: order, describe, announce });
  /** Several can be open at once, so opening one never throws away what was typed in another. */
  const [editing, setEditing] = useState<ReadonlySet<number>>(new Set());
  const [adding, setAdding] = useState(false);
  const editButtons = useRef(new Map<number, HTMLButtonElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  /**
   * The button to put focus back on once the form that took its place has closed: after the render that shows it
   * again (a frame callback can run before that render, and focus would then be lost to the page).
   */
  const [focusBack, setFocusBack] = useState<number | 'add' | null>(null);
  useEffect(() => {
    if (focusBack === null) return;
    const button = focusBack === 'add' ? addButton.current : editButtons.current.get(focusBack);
    if (!button) return;
    button.focus();
    setFocusBack(null);
  }, [focusBack, adding, editing]);

  return {
    noun,
    total: items.length,
    nextNumber: items.reduce((max, item) => Math.max(max, item.number), 0) + 1,
    reorder,
    announcement,
    isEditing: (id) => editing.has(id),
    edit: (id) => setEditing((current) => new Set([...current, id])),
    closeEdit: (item, saved) => {
      setEditing((current) => new Set([...current].filter((id) => id !== item.id)));
      if (saved) announce(`${capitalised(noun)} ${saved.number} has been saved.`);
      // Back to the button that opened the form, once it is shown again.
      setFocusBack(item.id);
    },
    adding,
    add: () => setAdding(true),
    closeAdd: (saved) => {
      setAdding(false);
      if (saved) announce(`${capitalised(noun)} ${saved.number} has been added.`);
      setFocusBack('add');
    },
    editButtonRef: (id) => (element) => {
      if (element) editButtons.current.set(id, element);
      else editButtons.current.delete(id);
    },
    addButtonRef: addButton,
  };
}
