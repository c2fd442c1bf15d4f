import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorSummary } from '@/components/error-summary';
import { FieldError } from '@/components/form-fields';
import { formatFileSize } from '@/features/evidence/evidence-files';
import { isApiError } from '@/lib/api-client';
import { useUploadImport } from '../api/upload-import';
import type { ImportContract } from '../import-contract';

const FILE_ID = 'import-file';
/** The export's blank plan: the columns the import reads, under their headings. */
export const TEMPLATE_HREF = '/api/exports/plan-template.xlsx';

type Sending = { name: string; percent: number | null } | { name: string; reading: true };

/**
 * Why the API refused the file, in a sentence: its message about the file reads after the file's name ("The file
 * “plan.csv” contains macros: …"); anything else as the API put it, and a network failure in words.
 */
export function uploadProblem(error: unknown, fileName: string): string {
  if (!isApiError(error)) return `The file “${fileName}” could not be uploaded. Try again.`;
  const about = (path: string) => error.fieldErrors.find((fieldError) => fieldError.path === path)?.message;
  const file = about('file');
  if (file) return `The file “${fileName}” ${file}`;
  const review = about('reviewId');
  if (review) return `The review could not be found: ${review}`;
  return error.problem.detail || error.problem.title;
}

/**
 * Step 1: choose the spreadsheet and send it. A progress bar shows the bytes going (XMLHttpRequest reports them;
 * fetch cannot), then "Reading the file…" while the API reads every row. The preview it answers with opens at its
 * own address, so a reload shows the same import.
 */
export function UploadStep({ reviewId, contract, onErrorsChange }: { reviewId: number; contract: ImportContract; onErrorsChange: (hasErrors: boolean) => void }) {
  const navigate = useNavigate();
  const upload = useUploadImport();
  const [sending, setSending] = useState<Sending | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const progressRef = useRef<HTMLDivElement>(null);
  const isSending = sending !== null;
  const maxSize = formatFileSize(contract.maxBytes);

  useEffect(() => () => controller.current?.abort(), []);
  // The button pressed has gone: keyboard and screen reader users carry on from the progress shown in its place.
  useEffect(() => {
    if (isSending) progressRef.current?.focus();
  }, [isSending]);
  useEffect(() => onErrorsChange(problem !== null), [problem, onErrorsChange]);
  const summary = useMemo(() => (problem ? [{ fieldId: FILE_ID, message: problem }] : []), [problem]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('file') as HTMLInputElement | null;
    const file = input?.files?.[0];
    const refusal = !file
      ? 'Choose a CSV or Excel (.xlsx) file to upload'
      : file.size === 0
        ? `The file “${file.name}” is empty`
        : file.size > contract.maxBytes
          ? `The file “${file.name}” is ${formatFileSize(file.size)}: the largest that can be imported is ${maxSize}`
          : null;
    if (refusal || !file) {
      setProblem(refusal);
      return;
    }
    setProblem(null);
    const abort = new AbortController();
    controller.current = abort;
    setSending({ name: file.name, percent: 0 });
    upload
      .mutateAsync({
        reviewId,
        file,
        signal: abort.signal,
        onProgress: ({ loaded, total }) =>
          setSending(total !== null && loaded >= total ? { name: file.name, reading: true } : { name: file.name, percent: total ? Math.round((loaded / total) * 100) : null }),
      })
      .then((preview) => navigate(`/reviews/${reviewId}/import/${preview.id}`))
      .catch((error: unknown) => {
        setSending(null);
        if (abort.signal.aborted) return;
        setProblem(uploadProblem(error, file.name));
      });
  };

  if (sending) {
    return (
      <div className="app-upload" ref={progressRef} tabIndex={-1}>
        {'reading' in sending ? (
          <p className="govuk-body-l" role="status">
            Reading the file “{sending.name}”…
          </p>
        ) : (
          <>
            <label className="govuk-label govuk-label--s app-file-name" htmlFor="import-progress">
              Uploading {sending.name}
            </label>
            <progress id="import-progress" className="app-upload__bar" max={100} value={sending.percent ?? undefined}>
              {sending.percent === null ? 'Uploading' : `${sending.percent}%`}
            </progress>
            <p className="govuk-body-s app-upload__percent" aria-live="polite">
              {/* In steps of ten, so a screen reader is not told every byte. */}
              {sending.percent === null ? 'Uploading…' : `${Math.floor(sending.percent / 10) * 10}% uploaded`}
            </p>
          </>
        )}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => controller.current?.abort()}>
          Cancel <span className="govuk-visually-hidden">the import of {sending.name}</span>
        </button>
      </div>
    );
  }

  return (
    <>
      <ErrorSummary errors={summary} />
      <form onSubmit={onSubmit} noValidate aria-label="Upload a spreadsheet">
        <div className={`govuk-form-group${problem ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--m" htmlFor={FILE_ID}>
            Choose the spreadsheet
          </label>
          <div className="govuk-hint" id={`${FILE_ID}-hint`}>
            A CSV or Excel (.xlsx) file of up to {maxSize}, with a row of column headings and one row per action beneath it. Nothing is
            saved until you have checked the preview and imported the plan.
          </div>
          <FieldError id={`${FILE_ID}-error`} message={problem ?? undefined} />
          <input
            id={FILE_ID}
            name="file"
            type="file"
            className={`govuk-file-upload${problem ? ' govuk-file-upload--error' : ''}`}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${FILE_ID}-hint${problem ? ` ${FILE_ID}-error` : ''}`}
            aria-invalid={problem ? true : undefined}
          />
        </div>
        <button type="submit" className="govuk-button">
          Upload and read the file
        </button>
      </form>
      <p className="govuk-body">
        <a className="govuk-link" href={TEMPLATE_HREF} download>
          Download a blank template
        </a>{' '}
        (Excel, with the columns the tracker reads). A plan downloaded from the tracker as Excel can be edited and imported again too: its
        rows update the actions they came from.
      </p>
    </>
  );
}
