import { useEffect, useRef } from 'react';
import { CircleAlert, CircleCheck, FileUp, Info, TriangleAlert, X } from 'lucide-react';
import { useSailplan } from '../../store';
import { useDesignIo, useIoInterface } from './context';
import { IoDialogs } from './IoDialogs';
import './io.css';

/** File types the Open dialog offers (others can still be dropped, and are checked). */
const ACCEPT = '.yaml,.yml,.json,application/yaml,application/x-yaml,text/yaml,application/json';

/** How long a notice stays before it goes by itself (errors stay until dismissed). */
const NOTICE_MILLISECONDS = 7000;

/** True when the event happens where typing goes: there, paste and shortcuts are the field's own. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target.closest(
      'input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor',
    ) !== null
  );
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** At most this many notices that go by themselves are shown: a newer one retires the oldest. */
const MAX_PASSING_NOTICES = 3;

/** The notices in the corner: each goes by itself some seconds after it appeared, except errors. */
export function NoticeList() {
  const notices = useSailplan((state) => state.notices);
  const dismiss = useSailplan((state) => state.dismissNotice);
  // When each notice appeared: its time runs from then, not from the latest notice's arrival.
  const shownAt = useRef(new Map<number, number>());
  useEffect(() => {
    const now = Date.now();
    const passing = notices.filter((notice) => notice.tone !== 'error');
    const retired = passing.slice(0, Math.max(0, passing.length - MAX_PASSING_NOTICES));
    for (const notice of retired) dismiss(notice.id);
    const seen = shownAt.current;
    for (const id of seen.keys()) {
      if (!notices.some((notice) => notice.id === id)) seen.delete(id);
    }
    const timers = passing.slice(retired.length).map((notice) => {
      const since = seen.get(notice.id) ?? now;
      seen.set(notice.id, since);
      return setTimeout(() => dismiss(notice.id), Math.max(0, since + NOTICE_MILLISECONDS - now));
    });
    return () => timers.forEach(clearTimeout);
  }, [notices, dismiss]);
  return (
    <div className="notices" aria-live="polite" aria-label="Notifications" role="region">
      {notices.map((notice) => {
        const Icon =
          notice.tone === 'error'
            ? CircleAlert
            : notice.tone === 'warning'
              ? TriangleAlert
              : notice.tone === 'success'
                ? CircleCheck
                : Info;
        return (
          <div
            key={notice.id}
            className={`notice notice-${notice.tone}`}
            role={notice.tone === 'error' ? 'alert' : 'status'}
          >
            <Icon size={16} aria-hidden="true" className="notice-icon" />
            <span className="notice-message">{notice.message}</span>
            <button
              type="button"
              className="button button-icon notice-dismiss"
              aria-label="Dismiss"
              onClick={() => dismiss(notice.id)}
            >
              <X size={14} aria-hidden="true" />
            </button>
          </div>
        );
      })}
    </div>
  );
}

function DropOverlay() {
  const dragging = useIoInterface((state) => state.dragging);
  if (!dragging) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">
        <FileUp size={28} />
        <strong>Drop YAML or JSON files to open them</strong>
        <span>You can replace the design or add them to it.</span>
      </div>
    </div>
  );
}

/**
 * The ways designs come in that are not buttons (paste on the page, files dropped anywhere,
 * Ctrl+O), the dialogs, the notices, and the start-up work that waits for the shell (a share link
 * to ask about). Rendered once, beside the shell.
 */
export function IoLayer() {
  const io = useDesignIo();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const detach = io.attachFilePicker(() => inputRef.current?.click());
    const stop = io.startup();
    return () => {
      detach();
      stop();
    };
  }, [io]);

  useEffect(() => {
    const busy = () => {
      const state = io.ui.state.getState();
      return state.dialog !== null || state.progress !== null;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (
        (event.ctrlKey || event.metaKey) &&
        !event.altKey &&
        !event.shiftKey &&
        event.key.toLowerCase() === 'o'
      ) {
        // The browser's own Ctrl+O would open a file as a page: the design's Open replaces it.
        event.preventDefault();
        if (!busy()) io.chooseFiles();
      }
    };
    const onPaste = (event: ClipboardEvent) => {
      if (busy() || isEditable(event.target)) return;
      const data = event.clipboardData;
      if (data === null) return;
      const files = [...data.files];
      if (files.length > 0) {
        event.preventDefault();
        void io.importFiles(files);
        return;
      }
      const text = data.getData('text/plain');
      if (text.trim() === '') return;
      event.preventDefault();
      void io.importText(text);
    };
    let depth = 0;
    const onDragEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      if (!busy()) io.ui.setDragging(true);
    };
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      // Taken here, before the editor or canvas: a dropped file opens as a design, never as text.
      event.preventDefault();
      event.stopPropagation();
      if (event.dataTransfer) event.dataTransfer.dropEffect = busy() ? 'none' : 'copy';
    };
    const onDragLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) io.ui.setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      depth = 0;
      io.ui.setDragging(false);
      if (busy()) return;
      void io.importFiles([...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('paste', onPaste);
    window.addEventListener('dragenter', onDragEnter, true);
    window.addEventListener('dragover', onDragOver, true);
    window.addEventListener('dragleave', onDragLeave, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('dragenter', onDragEnter, true);
      window.removeEventListener('dragover', onDragOver, true);
      window.removeEventListener('dragleave', onDragLeave, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, [io]);

  return (
    <>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-label="Open design files"
        data-testid="open-files-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Cleared so that choosing the same file again still opens it.
          event.target.value = '';
          void io.importFiles(files);
        }}
      />
      <IoDialogs />
      <DropOverlay />
      <NoticeList />
    </>
  );
}
