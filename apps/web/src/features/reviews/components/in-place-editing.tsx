import { Suspense, type ReactNode } from 'react';
import { Loading } from '@/components/states';
import { ReorderButtons } from './reorder';
import type { InPlaceEditing, Numbered } from './use-in-place-editing';

/** Where a plan form goes, saying so while its code loads (it is loaded only once opened). */
export function FormSlot({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading label="Loading the form" />}>{children}</Suspense>;
}

/** An item's Edit, Move up and Move down buttons, then any more of the list's own (`children`). */
export function ItemControls<T extends Numbered>({ list, item, index, children }: { list: InPlaceEditing<T>; item: T; index: number; children?: ReactNode }) {
  const label = `${list.noun} ${item.number}`;
  return (
    <div className="govuk-button-group app-plan-item__controls app-no-print">
      <button
        type="button"
        className="govuk-button govuk-button--secondary app-plan-item__button"
        ref={list.editButtonRef(item.id)}
        onClick={() => list.edit(item.id)}
      >
        Edit <span className="govuk-visually-hidden">{label}</span>
      </button>
      <ReorderButtons id={item.id} index={index} total={list.total} label={label} reorder={list.reorder} />
      {children}
    </div>
  );
}

/** The "Add a …" button, or the form it opens (`children`) in its place. */
export function AddInPlace<T extends Numbered>({ list, children }: { list: InPlaceEditing<T>; children: ReactNode }) {
  if (list.adding) return <FormSlot>{children}</FormSlot>;
  return (
    <button type="button" className="govuk-button govuk-button--secondary" ref={list.addButtonRef} onClick={list.add}>
      {`Add a ${list.noun}`}
    </button>
  );
}
