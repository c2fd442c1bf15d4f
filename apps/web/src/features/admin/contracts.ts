import { useEffect } from 'react';

/**
 * The shared zod schemas, loaded apart from the page. Forms validate with them before sending, but the page
 * itself does not need zod to show: someone who opens administration first loads it beside the page, not before
 * it, which keeps every first page within the JavaScript budget (scripts/check-bundle-budget.mjs).
 */
export const loadContracts = () => import('@lrt/contracts');

/** Start loading the schemas once a form is on screen, so that sending it does not wait for them. */
export function usePreloadContracts() {
  useEffect(() => {
    void loadContracts();
  }, []);
}
