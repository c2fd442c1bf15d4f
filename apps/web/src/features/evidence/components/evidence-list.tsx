import type { EvidenceItem } from '@lrt/contracts';
import { fileTypeLabel, formatFileSize } from '../evidence-files';

const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

/**
 * Evidence as an update shows it: documents as downloads (always an attachment, from `/api/evidence/:fileId`)
 * with their name, size and type; links as links. Long names and addresses wrap rather than widen the page.
 */
export function EvidenceList({ items }: { items: readonly EvidenceItem[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet app-evidence-list">
      {items.map((item, index) => (
        <li key={`${'url' in item ? item.url : item.fileId}-${index}`}>
          {'fileId' in item ? (
            <>
              <a className="govuk-link" href={`/api/evidence/${item.fileId}`} download={item.name}>
                {item.label} <span className="govuk-visually-hidden">(download)</span>
              </a>{' '}
              <span className="app-secondary-text">
                ({item.name}, {formatFileSize(item.size)}, {fileTypeLabel(item.contentType)})
              </span>
            </>
          ) : isWebAddress(item.url) ? (
            <a className="govuk-link" href={item.url} rel="noopener noreferrer">
              {item.label}
            </a>
          ) : (
            `${item.label} (${item.url})`
          )}
        </li>
      ))}
    </ul>
  );
}
