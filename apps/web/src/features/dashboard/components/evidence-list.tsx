import type { EvidenceItem } from '@lrt/contracts';
import { EVIDENCE_FILE_TYPES } from '@lrt/contracts/constants';

const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

/** 245760 → "240 KB": what a reader needs to judge a download. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const megabytes = bytes / (1024 * 1024);
  return `${megabytes < 10 ? megabytes.toFixed(1) : Math.round(megabytes)} MB`;
}

const kindOf = (contentType: string) => (EVIDENCE_FILE_TYPES as Record<string, { label: string } | undefined>)[contentType]?.label ?? 'Document';

/**
 * Evidence as an agency posted it: links, and documents named with their kind and size (downloaded from
 * `/api/evidence/:fileId`, which checks the reader may see the action).
 */
export function EvidenceList({ items }: { items: readonly EvidenceItem[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet app-evidence-list">
      {items.map((item, index) => (
        <li key={`${'url' in item ? item.url : item.fileId}-${index}`}>
          {'url' in item ? (
            isWebAddress(item.url) ? (
              <a className="govuk-link" href={item.url} rel="noopener noreferrer">
                {item.label}
              </a>
            ) : (
              `${item.label} (${item.url})`
            )
          ) : (
            <>
              <a className="govuk-link" href={`/api/evidence/${item.fileId}`} download>
                {item.label}
              </a>{' '}
              <span className="app-secondary-text">
                ({item.name}, {kindOf(item.contentType)}, {formatFileSize(item.size)})
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
