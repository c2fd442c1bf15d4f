import { useEffect, useRef, type ChangeEvent } from 'react';
import { FieldError, TextInput } from '@/components/form-fields';
import { EVIDENCE_ACCEPT, EVIDENCE_KINDS_IN_WORDS, fileTypeLabel, formatFileSize } from '../evidence-files';
import type { EvidenceDocument, EvidenceUploads } from '../use-evidence-uploads';

export interface DocumentUploadsProps {
  /** The file input's id; each document's fields take ids from it. */
  id: string;
  uploads: EvidenceUploads;
  /** The partnership's limit, when known. */
  maxMegabytes: number | undefined;
  /** False once the update has as many pieces of evidence as it may. */
  canAdd: boolean;
  /** An error about the documents as a whole (e.g. one still uploading when the form is sent). */
  error?: string | undefined;
  labelError: (document: EvidenceDocument) => string | undefined;
}

export const documentLabelId = (id: string, document: Pick<EvidenceDocument, 'key'>) => `${id}-${document.key}-label`;

/**
 * "Add a document": a file input that uploads what is chosen at once, with a progress bar, then lists each
 * document with its name, size and type, a label to edit and "Remove". Refusals show beside the input.
 */
export function DocumentUploads({ id, uploads, maxMegabytes, canAdd, error, labelError }: DocumentUploadsProps) {
  const { documents, refusal, announcement } = uploads;
  const message = error ?? refusal;
  const focusInputNext = useRef(false);

  useEffect(() => {
    if (focusInputNext.current) {
      document.getElementById(id)?.focus();
      focusInputNext.current = false;
    }
  }, [documents.length, id]);

  const onChoose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared, so choosing the same file again (after removing it, or after a refusal) is seen as a choice.
    event.target.value = '';
    if (file) uploads.choose(file);
  };

  return (
    <>
      {documents.length > 0 ? (
        <ul className="govuk-list app-documents">
          {documents.map((document, index) => {
            const number = index + 1;
            const percent = document.progress === null ? null : Math.round(document.progress * 100);
            return (
              <li key={document.key} className="app-document">
                {document.fileId === null ? (
                  <div className="app-upload">
                    <label className="govuk-label app-file-name" htmlFor={`${id}-${document.key}-progress`}>
                      Uploading {document.name}
                    </label>
                    <progress id={`${id}-${document.key}-progress`} className="app-upload__bar" max={100} value={percent ?? undefined}>
                      {percent === null ? 'Uploading' : `${percent}%`}
                    </progress>
                    <p className="govuk-body-s app-upload__percent" aria-live="polite">
                      {/* In steps of ten, so a screen reader is not told every byte. */}
                      {percent === null ? 'Uploading…' : `${Math.floor(percent / 10) * 10}% uploaded`}
                    </p>
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      onClick={() => {
                        focusInputNext.current = true;
                        uploads.remove(document.key);
                      }}
                    >
                      Cancel <span className="govuk-visually-hidden">uploading {document.name}</span>
                    </button>
                  </div>
                ) : (
                  <>
                    <p className="govuk-body govuk-!-margin-bottom-2 app-file-name">
                      <strong>Document {number}:</strong> {document.name}{' '}
                      <span className="app-secondary-text">
                        ({formatFileSize(document.size)}, {fileTypeLabel(document.contentType)})
                      </span>
                    </p>
                    <TextInput
                      id={documentLabelId(id, document)}
                      label={`Document ${number}: what it is`}
                      hint="People see this as the link to the document."
                      value={document.label}
                      onChange={(event) => uploads.setLabel(document.key, event.target.value)}
                      error={labelError(document)}
                    />
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      onClick={() => {
                        focusInputNext.current = true;
                        uploads.remove(document.key);
                      }}
                    >
                      Remove <span className="govuk-visually-hidden">document {number}, {document.name}</span>
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}

      {canAdd ? (
        <div className={`govuk-form-group${message ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor={id}>
            Add a document
          </label>
          <div className="govuk-hint" id={`${id}-hint`}>
            An audit report, briefing, minutes or training figures: a {EVIDENCE_KINDS_IN_WORDS} file
            {maxMegabytes !== undefined ? ` of up to ${maxMegabytes} MB` : ''}. It uploads as soon as you choose it.
          </div>
          <FieldError id={`${id}-error`} message={message} />
          <input
            id={id}
            type="file"
            name="file"
            className={`govuk-file-upload${message ? ' govuk-file-upload--error' : ''}`}
            accept={EVIDENCE_ACCEPT}
            aria-describedby={`${id}-hint${message ? ` ${id}-error` : ''}`}
            aria-invalid={message ? true : undefined}
            onChange={onChoose}
          />
        </div>
      ) : null}
      <p className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
