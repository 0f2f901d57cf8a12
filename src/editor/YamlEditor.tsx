import { useEffect, useRef, useState } from 'react';
import type * as MonacoApi from 'monaco-editor';
import { InMemoryTextBuffer, useSailplanStoreApi, type SailplanState } from '../store';
import { bindEditorToStore } from './bindEditorToStore';
import { enterEndsTypedValue } from './enterEndsTypedValue';
import { monaco, monacoYaml } from './loadMonaco';
import { MonacoTextBuffer, replayHistory } from './MonacoTextBuffer';
import {
  FULL_TEXT_OPTIONS,
  FULL_TEXT_YAML_OPTIONS,
  isLargeText,
  LARGE_TEXT_NOTE,
  LARGE_TEXT_OPTIONS,
  LARGE_TEXT_YAML_OPTIONS,
} from './largeText';
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
  /** True while the text is large and the editor has the features that pass over it all off. */
  const [large, setLarge] = useState(false);

  useEffect(() => {
    if (!host.current) return;
    const state = store.getState();
    const uri = monaco.Uri.parse(`file:///${state.fileName}`);
    const model = monaco.editor.getModel(uri) ?? createDesignModel(uri, state);
    if (model.getValue() !== state.text) model.setValue(state.text);
    const sizeOf = () => ({ lines: model.getLineCount(), length: model.getValueLength() });
    let isLarge = isLargeText(sizeOf(), false);
    setLarge(isLarge);
    const editor = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      // No minimap, and none of its section headers: Monaco looks for them (`MARK:` comments) in
      // its editor worker after each change, with the whole text copied there first.
      minimap: { enabled: false, showMarkSectionHeaders: false, showRegionSectionHeaders: false },
      ...(isLarge ? LARGE_TEXT_OPTIONS : FULL_TEXT_OPTIONS),
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
    enterEndsTypedValue(monaco, editor);
    // monaco-yaml's options are global (restarting its worker, which drops a check under way).
    if (isLarge) void monacoYaml.update(LARGE_TEXT_YAML_OPTIONS);
    // Each change of the text (typing, a swap out of view, an undo) can make it large or not: the
    // options follow before the editor's features compute anything for it (they wait a moment).
    const sizeSubscription = model.onDidChangeContent(() => {
      const next = isLargeText(sizeOf(), isLarge);
      if (next === isLarge) return;
      isLarge = next;
      editor.updateOptions(next ? LARGE_TEXT_OPTIONS : FULL_TEXT_OPTIONS);
      void monacoYaml.update(next ? LARGE_TEXT_YAML_OPTIONS : FULL_TEXT_YAML_OPTIONS);
      setLarge(next);
    });
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
      sizeSubscription.dispose();
      if (isLarge) void monacoYaml.update(FULL_TEXT_YAML_OPTIONS);
      binding.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, [store]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  return (
    <div className="editor-frame">
      {large && (
        <p className="editor-note" role="status">
          {LARGE_TEXT_NOTE}
        </p>
      )}
      <div ref={host} className="editor-host" data-testid="yaml-editor" />
    </div>
  );
}
