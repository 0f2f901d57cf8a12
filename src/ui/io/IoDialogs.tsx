import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useDesignIo, useIoInterface } from './context';
import type { DialogRequest } from './ioInterface';

/**
 * A native `<dialog>` opened with `showModal()`: a real modal, so the page behind it is inert,
 * focus stays inside, and Escape closes it (as the request's cancel action).
 */
function useModal(onCancel: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCancelEvent = (event: Event) => {
      event.preventDefault();
      cancel.current();
    };
    dialog.addEventListener('cancel', onCancelEvent);
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent);
      if (dialog.open) dialog.close();
      // Focus goes back where it was, if that is still on the page.
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  return ref;
}

function QuestionDialog({ request }: { request: DialogRequest }) {
  const io = useDesignIo();
  const [value, setValue] = useState(request.field?.value ?? '');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const titleId = useId();
  const messageId = useId();
  const fieldId = useId();
  const problemId = useId();
  const answer = (action: string) => io.ui.answer({ action, value });
  const ref = useModal(() => answer(request.cancelId));
  const primary = request.actions.find((action) => action.tone === 'primary');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (primary === undefined) return;
    const invalid = request.field?.validate?.(value);
    if (invalid !== undefined) {
      setProblem(invalid);
      return;
    }
    answer(primary.id);
  };

  return (
    <dialog
      ref={ref}
      className="io-dialog"
      role={request.role ?? 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={messageId}
    >
      <form method="dialog" onSubmit={submit}>
        <h2 id={titleId} className="io-dialog-title">
          {request.title}
        </h2>
        <p id={messageId} className="io-dialog-message">
          {request.message}
        </p>
        {request.details && <pre className="io-dialog-details">{request.details}</pre>}
        {request.field && (
          <div className="io-field">
            <label htmlFor={fieldId}>{request.field.label}</label>
            <input
              id={fieldId}
              className="io-input"
              value={value}
              readOnly={request.field.readOnly}
              // The dialog's purpose is this field: focus goes there first.
              autoFocus
              onFocus={(event) => {
                if (request.field?.readOnly) event.currentTarget.select();
              }}
              aria-invalid={problem !== undefined}
              aria-describedby={problem === undefined ? undefined : problemId}
              onChange={(event) => {
                setValue(event.target.value);
                setProblem(undefined);
              }}
            />
            {problem && (
              <p id={problemId} className="io-field-problem" role="alert">
                {problem}
              </p>
            )}
          </div>
        )}
        <div className="io-dialog-actions">
          {/* Listed primary first; shown with the primary last, at the right, as dialogs do. */}
          {[...request.actions].reverse().map((action) => (
            <button
              key={action.id}
              type={action === primary ? 'submit' : 'button'}
              className={`button ${
                action.tone === 'primary'
                  ? 'button-primary'
                  : action.tone === 'danger'
                    ? 'button-danger'
                    : 'button-outline'
              }`}
              autoFocus={action === primary && request.field === undefined}
              onClick={action === primary ? undefined : () => answer(action.id)}
            >
              {action.label}
            </button>
          ))}
        </div>
      </form>
    </dialog>
  );
}

function ProgressDialog() {
  const progress = useIoInterface((state) => state.progress);
  const titleId = useId();
  const detailId = useId();
  const ref = useModal(() => progress?.cancel?.());
  if (progress === null) return null;
  const percent = progress.fraction === undefined ? undefined : Math.round(progress.fraction * 100);
  return (
    <dialog
      ref={ref}
      className="io-dialog io-progress"
      aria-labelledby={titleId}
      aria-describedby={detailId}
      aria-busy="true"
    >
      <h2 id={titleId} className="io-dialog-title">
        {progress.title}
      </h2>
      <p id={detailId} className="io-dialog-message" aria-live="polite">
        {progress.detail}
      </p>
      <progress
        className="io-progress-bar"
        aria-label={progress.title}
        max={100}
        value={percent}
        aria-valuetext={percent === undefined ? 'working' : `${percent}%`}
      />
      {progress.cancel && (
        <div className="io-dialog-actions">
          <button type="button" className="button button-outline" onClick={progress.cancel}>
            Cancel
          </button>
        </div>
      )}
    </dialog>
  );
}

/** The open question (if any) and the progress of a long task, as modal dialogs. */
export function IoDialogs() {
  const dialog = useIoInterface((state) => state.dialog);
  const busy = useIoInterface((state) => state.progress !== null);
  return (
    <>
      {/* Keyed by the question, so each starts with its own field value. */}
      {dialog && !busy && <QuestionDialog key={dialog.serial} request={dialog.request} />}
      {busy && <ProgressDialog />}
    </>
  );
}
