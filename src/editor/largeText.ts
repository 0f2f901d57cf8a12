import type * as MonacoApi from 'monaco-editor';

/**
 * From this many lines, or this length (UTF-16 code units), a text is large for the editor: the
 * features that pass over the whole text after each change, on the page, are turned off, as VS Code
 * does for large files (its `largeFileOptimizations`). A 5.5 MB paste of 294,682 lines cost, in
 * tasks of their own: monaco-yaml's folding reply (every range of the text: it ignores Monaco's
 * limit of 5,000) ~110 ms of CPU, sticky scroll's indentation model ~45 ms, the links' decorations
 * ~40 ms; bracket pair colourisation parses texts of up to 5 MB whole.
 */
export const LARGE_TEXT_LINES = 100_000;
export const LARGE_TEXT_LENGTH = 2 * 1024 * 1024;

/**
 * A large text stays large until it is this much smaller than the limits (a tenth): typing around a
 * limit does not turn the features off and on (each time on would compute them again).
 */
const BACK_UNDER = 0.9;

/** The size of a text, as the editor's model knows it at no cost. */
export interface TextSize {
  readonly lines: number;
  readonly length: number;
}

/** Whether a text of `size` is large, given whether the previous one was (see BACK_UNDER). */
export function isLargeText(size: TextSize, wasLarge: boolean): boolean {
  const factor = wasLarge ? BACK_UNDER : 1;
  return size.lines >= LARGE_TEXT_LINES * factor || size.length >= LARGE_TEXT_LENGTH * factor;
}

/** The editor's options that a large text turns off, as they are for a text of normal size. */
export const FULL_TEXT_OPTIONS = {
  folding: true,
  // Sticky scroll's default outline model asks monaco-yaml for every document's symbols after each
  // edit and builds Monaco's outline of them on the page (quadratic in repeated keys such as
  // `kind`): 400 ms per keystroke at 1,000 resources. Indentation gives YAML the same lines.
  stickyScroll: { enabled: true, defaultModel: 'indentationModel' },
  links: true,
  occurrencesHighlight: 'singleFile',
  selectionHighlight: true,
  bracketPairColorization: { enabled: true },
  lightbulb: { enabled: 'onCode' as MonacoApi.editor.ShowLightbulbIconMode },
} as const satisfies MonacoApi.editor.IEditorOptions;

/** The same options for a large text: each one off. */
export const LARGE_TEXT_OPTIONS = {
  folding: false,
  stickyScroll: { enabled: false },
  links: false,
  // Both search the whole text for the word or the selection under the cursor, on each move.
  occurrencesHighlight: 'off',
  selectionHighlight: false,
  bracketPairColorization: { enabled: false },
  // Its code actions are asked of monaco-yaml at each move of the cursor: the YAML worker then
  // parses the whole text (4 s of a core after a 5.5 MB paste).
  lightbulb: { enabled: 'off' as MonacoApi.editor.ShowLightbulbIconMode },
} as const satisfies MonacoApi.editor.IEditorOptions;

/**
 * monaco-yaml's options a large text turns off: its schema check parses and validates the whole
 * text in the YAML worker after each change, seconds of CPU for a 5.5 MB paste, taken from the
 * cores that the page, the derive worker and the layout worker need just then (issue 9: with it
 * on, the paste's longest main-thread task took three times its CPU time in wall time). The
 * design's own diagnostics (the Problems panel, the markers) still cover the whole text.
 */
export const LARGE_TEXT_YAML_OPTIONS = { validate: false } as const;

/** The same monaco-yaml options for a text of normal size. */
export const FULL_TEXT_YAML_OPTIONS = { validate: true } as const;

const count = new Intl.NumberFormat('en-US');

/** What the editor says while a large text has these features off. */
export const LARGE_TEXT_NOTE = `Large text (over ${count.format(LARGE_TEXT_LINES)} lines or ${LARGE_TEXT_LENGTH / (1024 * 1024)} MB): folding, sticky scroll, links, bracket colours, word highlights and schema checks are off.`;
