import { useEffect, useRef } from 'react';
import type * as MonacoApi from 'monaco-editor';
import { InMemoryTextBuffer, useSailplanStoreApi, type SailplanState } from '../store';
import { bindEditorToStore } from './bindEditorToStore';
import { monaco } from './loadMonaco';
import { MonacoTextBuffer, replayHistory } from './MonacoTextBuffer';
import './editor.css';

/**
 * The Monaco model of the design. Gestures made on the canvas before Monaco loaded are in the
 * in-memory buffer's history: the model takes it over, so they stay undoable (one history).
 */
function createDesignModel(uri: MonacoApi.Uri, state: SailplanState): MonacoApi.editor.ITextModel {
  const earlier = state.buffer instanceof InMemoryTextBuffer ? state.buffer.history() : undefined;
  if (earlier === undefined || earlier.steps.length === 0) {
    return monaco.editor.createModel(state.text, 'yaml', uri);
  }
  const model = monaco.editor.createModel(earlier.base, 'yaml', uri);
  replayHistory(model, earlier);
  return model;
}

interface YamlEditorProps {
  readonly theme: 'light' | 'dark';
}

/**
 * The YAML editor. Loaded lazily (this module pulls in Monaco), it takes over the store's text:
 * the Monaco model becomes the design's TextBuffer, so typing and planned edits share one path.
 * Markers, the selection and the cursor follow the store (bindEditorToStore).
 */
export default function YamlEditor({ theme }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const store = useSailplanStoreApi();
  const editorRef = useRef<MonacoApi.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const state = store.getState();
    const uri = monaco.Uri.parse(`file:///${state.fileName}`);
    const model = monaco.editor.getModel(uri) ?? createDesignModel(uri, state);
    if (model.getValue() !== state.text) model.setValue(state.text);
    const editor = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      // Sticky scroll's default outline model asks monaco-yaml for every document's symbols after
      // each edit and builds Monaco's outline of them on the page (quadratic in repeated keys such
      // as `kind`): 400 ms per keystroke at 1,000 resources. Indentation gives YAML the same lines.
      stickyScroll: { enabled: true, defaultModel: 'indentationModel' },
      fontSize: 13,
      lineHeight: 20,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
      fixedOverflowWidgets: true,
      ariaLabel: 'YAML editor',
      padding: { top: 8 },
      // Room in the gutter for the selection's bar.
      lineDecorationsWidth: 12,
    });
    editorRef.current = editor;
    /** The later task that shows the model again after a large text was swapped in. */
    let showAgain: ReturnType<typeof setTimeout> | undefined;
    const buffer = new MonacoTextBuffer(model, state.version, {
      // The editor's view of a large text (a projection of each line) costs as much as the swap
      // itself: it is built in a task of its own, so neither goes near 200 ms (issue 9).
      outOfView: (swap) => {
        if (editor.getModel() !== model) {
          swap();
          return;
        }
        const focused = editor.hasTextFocus();
        editor.setModel(null);
        try {
          swap();
        } finally {
          clearTimeout(showAgain);
          showAgain = setTimeout(() => {
            showAgain = undefined;
            if (editor.getModel() !== null || model.isDisposed()) return;
            editor.setModel(model);
            if (focused) editor.focus();
          }, 0);
        }
      },
    });
    state.attachBuffer(buffer);
    const binding = bindEditorToStore(monaco, editor, model, store);
    return () => {
      clearTimeout(showAgain);
      binding.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, [store]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  return <div ref={host} className="editor-host" data-testid="yaml-editor" />;
}
