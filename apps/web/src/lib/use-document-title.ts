import { useEffect } from 'react';

export const PRODUCT_NAME = 'Learning Review Tracker';

/** Each page names itself in the browser tab, GOV.UK style: "Page – Product"; "Error: " leads when a form has errors. */
export function useDocumentTitle(title: string | null | undefined, options: { hasErrors?: boolean } = {}) {
  const { hasErrors = false } = options;
  useEffect(() => {
    const page = title ? `${title} – ${PRODUCT_NAME}` : PRODUCT_NAME;
    document.title = hasErrors ? `Error: ${page}` : page;
  }, [title, hasErrors]);
}
