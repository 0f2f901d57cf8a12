import type * as MonacoApi from 'monaco-editor';

/**
 * The text a completion would put in place of what is typed, without its snippet placeholders
 * (`${1:name}` becomes `name`, `$0` goes): what the user would see inserted.
 */
export function insertedText(insertText: string): string {
  return insertText
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/**
 * Whether the suggestion would change nothing: the text typed before the cursor already ends with
 * exactly what it inserts (`apiVersion: v1` with `v1` offered). Enter then ends the line instead.
 */
export function suggestionIsTyped(lineBeforeCursor: string, insertText: string): boolean {
  const inserted = insertedText(insertText);
  if (inserted === '' || inserted.includes('\n')) return false;
  if (!lineBeforeCursor.endsWith(inserted)) return false;
  // The whole word, not its tail: `1` offered after `v1` is not typed out.
  const before = lineBeforeCursor.slice(0, lineBeforeCursor.length - inserted.length);
  return before === '' || /[\s:,[{\-"']$/.test(before);
}

/** The part of Monaco's suggest controller read here (internal, stable since 0.3x). */
interface SuggestControllerInternals {
  readonly widget?: {
    readonly value?: {
      getFocusedItem?: () =>
        { readonly item: { readonly completion: { insertText: string } } } | undefined;
    };
  };
}

/**
 * Enter while the suggestion list is open takes the focused suggestion, as Monaco does, unless it
 * is already typed out in full: then the list closes and Enter ends the line. monaco-yaml offers
 * values as snippets, which Monaco's own `acceptSuggestionOnEnter: 'smart'` does not compare, so
 * `apiVersion: v1` + Enter became `apiVersion: v1` with the next line joined to it.
 */
export function enterEndsTypedValue(
  monaco: typeof MonacoApi,
  editor: MonacoApi.editor.IStandaloneCodeEditor,
): void {
  editor.addCommand(
    monaco.KeyCode.Enter,
    () => {
      const controller = editor.getContribution(
        'editor.contrib.suggestController',
      ) as unknown as SuggestControllerInternals | null;
      const focused = controller?.widget?.value?.getFocusedItem?.();
      const position = editor.getPosition();
      const model = editor.getModel();
      const typed =
        focused !== undefined &&
        position !== null &&
        model !== null &&
        suggestionIsTyped(
          model.getLineContent(position.lineNumber).slice(0, position.column - 1),
          focused.item.completion.insertText,
        );
      if (typed) {
        editor.trigger('keyboard', 'hideSuggestWidget', null);
        editor.trigger('keyboard', 'type', { text: '\n' });
      } else {
        editor.trigger('keyboard', 'acceptSelectedSuggestion', null);
      }
    },
    'suggestWidgetVisible && textInputFocus',
  );
}
