import type * as MonacoApi from 'monaco-editor';
import {
  nodeIdAtOffset,
  selectionRange,
  type SailplanState,
  type SailplanStore,
  type Selection,
} from '../store';
import type { Monaco } from './loadMonaco';
import {
  MONACO_YAML_MARKER_OWNER,
  SAILPLAN_MARKER_OWNER,
  toMarkers,
  withoutRepeats,
} from './markers';

/** Class names of the selection highlight and of a revealed range (styled in editor.css). */
const SELECTED_LINES_CLASS = 'sailplan-selected-lines';
const SELECTED_GLYPH_CLASS = 'sailplan-selected-glyph';
const REVEALED_RANGE_CLASS = 'sailplan-revealed-range';

/**
 * Cursor moves that the user made. Moves caused by a planned edit shifting the text
 * (`modelChange`), by a swap of the whole text putting the cursor back at the start (`model`: a
 * large text loaded, undone or redone), by code (`api`) or by restoring a view state are not a
 * choice of what to select.
 */
function isUserCursorMove(source: string): boolean {
  return (
    source !== 'modelChange' && source !== 'model' && source !== 'api' && source !== 'restoreState'
  );
}

/**
 * Keeps the editor and the store in step, apart from the text itself (that goes through the
 * TextBuffer): the diagnostics as markers, the selection made on the canvas or in a panel as a
 * highlighted, revealed range, and the cursor's node as the selection. Returns what undoes it.
 */
export function bindEditorToStore(
  monaco: Monaco,
  editor: MonacoApi.editor.IStandaloneCodeEditor,
  model: MonacoApi.editor.ITextModel,
  store: SailplanStore,
): MonacoApi.IDisposable {
  const { fileName } = store.getState();
  const severity = {
    error: monaco.MarkerSeverity.Error,
    warning: monaco.MarkerSeverity.Warning,
    info: monaco.MarkerSeverity.Info,
  } as const;
  const highlight = editor.createDecorationsCollection();
  /** The exact range a panel asked to show (a trace step's field, a problem), until the next ask. */
  const revealed = editor.createDecorationsCollection();
  /** True from a user's cursor move until the node under it is selected (after the derive). */
  let cursorMoved = false;
  /**
   * True for the rest of the task in which the text changed. A selection made then is a gesture's
   * result (dispatch selects what it planned): it is highlighted, but the scroll stays where the
   * user left it. A selection alone (a click on the canvas or in a panel) is revealed.
   */
  let textJustChanged = false;

  const showMarkers = (state: SailplanState) => {
    monaco.editor.setModelMarkers(
      model,
      SAILPLAN_MARKER_OWNER,
      toMarkers(state.derived.diagnostics, fileName, severity),
    );
  };

  // monaco-yaml validates in its worker and sets its markers whenever it is done: drop its copies
  // of Sailplan's syntax errors then (setting the rest fires this again, with nothing to drop).
  const markerSubscription = monaco.editor.onDidChangeMarkers((resources) => {
    if (!resources.some((resource) => resource.toString() === model.uri.toString())) return;
    const theirs = monaco.editor.getModelMarkers({
      owner: MONACO_YAML_MARKER_OWNER,
      resource: model.uri,
    });
    const ours = monaco.editor.getModelMarkers({
      owner: SAILPLAN_MARKER_OWNER,
      resource: model.uri,
    });
    const kept = withoutRepeats(theirs, ours);
    if (kept.length !== theirs.length) {
      monaco.editor.setModelMarkers(model, MONACO_YAML_MARKER_OWNER, kept);
    }
  });

  /** The whole lines of the selection's text, or undefined when the YAML does not hold it. */
  const selectedLines = (state: SailplanState, selection: Selection | null) => {
    if (selection === null || selection.origin === 'editor') return undefined;
    if (state.derived.version !== state.version) return undefined;
    const range = selectionRange(state.derived, selection.id);
    if (range === undefined || range.file !== fileName) return undefined;
    return new monaco.Range(range.line, 1, range.endLine, model.getLineMaxColumn(range.endLine));
  };

  const showSelection = (state: SailplanState, reveal: boolean) => {
    const lines = selectedLines(state, state.selection);
    if (lines === undefined) {
      highlight.clear();
      return;
    }
    highlight.set([
      {
        range: lines,
        options: {
          isWholeLine: true,
          className: SELECTED_LINES_CLASS,
          linesDecorationsClassName: SELECTED_GLYPH_CLASS,
          overviewRuler: {
            color: 'rgba(56, 132, 255, 0.6)',
            position: monaco.editor.OverviewRulerLane.Full,
          },
        },
      },
    ]);
    // Scrolls only when the selection's first line is off screen (a long resource partly in view
    // stays put), and never takes the focus from the canvas.
    if (reveal) {
      const head = new monaco.Range(lines.startLineNumber, 1, lines.startLineNumber, 1);
      editor.revealRangeInCenterIfOutsideViewport(head, monaco.editor.ScrollType.Smooth);
    }
  };

  const showRevealRequest = (state: SailplanState) => {
    const range = state.revealRequest?.range;
    if (range === undefined || range.file !== fileName) {
      revealed.clear();
      return;
    }
    const exact = new monaco.Range(range.line, range.column, range.endLine, range.endColumn);
    revealed.set([
      {
        range: exact,
        options: {
          className: REVEALED_RANGE_CLASS,
          overviewRuler: {
            color: 'rgba(255, 170, 0, 0.8)',
            position: monaco.editor.OverviewRulerLane.Full,
          },
        },
      },
    ]);
    editor.revealRangeInCenterIfOutsideViewport(exact, monaco.editor.ScrollType.Smooth);
  };

  const selectAtCursor = () => {
    const state = store.getState();
    // Offsets of a text not yet derived would find the wrong node: wait for the derive. While
    // the text does not parse, the canvas shows the last good design: keep its selection.
    if (!cursorMoved || state.derived.version !== state.version) return;
    if (state.derived.syntaxErrors > 0) return;
    cursorMoved = false;
    const position = editor.getPosition();
    if (position === null) return;
    const id = nodeIdAtOffset(state.derived, model.getOffsetAt(position), fileName);
    if (id === undefined) {
      if (state.selection !== null) state.select(null);
      return;
    }
    if (state.selection?.id !== id) state.select({ id, origin: 'editor' });
  };

  const cursorSubscription = editor.onDidChangeCursorPosition((event) => {
    if (!isUserCursorMove(event.source)) return;
    // The user is reading elsewhere now: the mark of a revealed range has done its job.
    revealed.clear();
    cursorMoved = true;
    selectAtCursor();
  });

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.version !== previous.version && !textJustChanged) {
      textJustChanged = true;
      queueMicrotask(() => (textJustChanged = false));
    }
    if (state.derived !== previous.derived) showMarkers(state);
    if (state.selection !== previous.selection) {
      // A selection the editor made is already under the cursor: nothing to show or reveal.
      const reveal =
        !textJustChanged && state.selection !== null && state.selection.origin !== 'editor';
      showSelection(state, reveal);
    } else if (state.derived !== previous.derived) {
      // The text moved (an edit, a rename): the highlight follows the same node.
      showSelection(state, false);
    }
    if (state.revealRequest !== previous.revealRequest) showRevealRequest(state);
    if (state.derived !== previous.derived) selectAtCursor();
  });

  showMarkers(store.getState());
  showSelection(store.getState(), true);

  return {
    dispose() {
      unsubscribe();
      cursorSubscription.dispose();
      markerSubscription.dispose();
      highlight.clear();
      revealed.clear();
      monaco.editor.setModelMarkers(model, SAILPLAN_MARKER_OWNER, []);
    },
  };
}
