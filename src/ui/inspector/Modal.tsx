import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: the rest of the page is inert while it is open, Tab cycles inside it, Escape
 * closes it, and focus goes back to where it was (or to `fallbackFocus` when that is gone, e.g.
 * the button of a panel the dialog's action removed).
 */
export function Modal({
  title,
  children,
  actions,
  onClose,
  fallbackFocus,
  tone,
}: {
  readonly title: string;
  readonly children: ReactNode;
  /** The dialog's buttons; the first one gets the focus (put the safe choice first). */
  readonly actions: ReactNode;
  readonly onClose: () => void;
  readonly fallbackFocus?: () => HTMLElement | null;
  readonly tone?: 'danger';
}) {
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const [host] = useState(() => {
    const element = document.createElement('div');
    element.className = 'inspector-modal-host';
    return element;
  });
  // Read once per mount; the callback may change identity between renders.
  const fallback = useRef(fallbackFocus);
  useEffect(() => {
    fallback.current = fallbackFocus;
  });

  useEffect(() => {
    const container = host;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    document.body.appendChild(container);
    const madeInert: HTMLElement[] = [];
    for (const element of Array.from(document.body.children)) {
      if (element !== container && element instanceof HTMLElement && !element.inert) {
        element.inert = true;
        madeInert.push(element);
      }
    }
    const first = dialog.current?.querySelector<HTMLElement>(
      `.inspector-modal-actions ${FOCUSABLE}`,
    );
    (first ?? dialog.current)?.focus();
    return () => {
      for (const element of madeInert) element.inert = false;
      container.remove();
      const target =
        opener !== null && opener !== document.body && opener.isConnected
          ? opener
          : fallback.current?.();
      target?.focus();
    };
  }, [host]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || dialog.current === null) return;
    const focusable = Array.from(dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (first === undefined || last === undefined) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="inspector-modal-backdrop">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        tabIndex={-1}
        className={tone === 'danger' ? 'inspector-modal is-danger' : 'inspector-modal'}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} className="inspector-modal-title">
          {title}
        </h2>
        <div id={`${id}-body`} className="inspector-modal-body">
          {children}
        </div>
        <div className="inspector-modal-actions">{actions}</div>
      </div>
    </div>,
    host,
  );
}
