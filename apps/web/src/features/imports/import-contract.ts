import { useEffect, useState } from 'react';
import type { ImportField } from '@lrt/contracts';

/**
 * The import's words and limits from the contracts. They live beside its zod schemas (packages/contracts/src/
 * imports.ts), and a runtime import of `@lrt/contracts` brings zod with it, which would put this page over the
 * first-page budget (scripts/check-bundle-budget.mjs): so they are loaded as the page opens, once.
 */
export interface ImportContract {
  fields: readonly ImportField[];
  fieldLabels: Readonly<Record<ImportField, string>>;
  maxBytes: number;
}

let loading: Promise<ImportContract> | undefined;
let loaded: ImportContract | undefined;

export function loadImportContract(): Promise<ImportContract> {
  loading ??= import('@lrt/contracts').then(
    (contracts) => {
      loaded = { fields: contracts.IMPORT_FIELDS, fieldLabels: contracts.IMPORT_FIELD_LABELS, maxBytes: contracts.IMPORT_MAX_BYTES };
      return loaded;
    },
    (error: unknown) => {
      // A chunk that failed to load (offline for a moment) is asked for again next time.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The contract once loaded (at once, after the first time), or why it could not be, with a way to try again. */
export function useImportContract(): { contract: ImportContract | undefined; failed: boolean; retry: () => void } {
  const [contract, setContract] = useState(loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (contract) return;
    let current = true;
    loadImportContract().then(
      (value) => current && setContract(value),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [contract, attempt]);
  return {
    contract,
    failed,
    retry: () => {
      setFailed(false);
      setAttempt((n) => n + 1);
    },
  };
}

/** A field's label, or the key itself for a field the contract does not name (`row`, `file`). */
export const fieldLabel = (contract: ImportContract, field: string): string =>
  (contract.fieldLabels as Record<string, string>)[field] ?? field;
