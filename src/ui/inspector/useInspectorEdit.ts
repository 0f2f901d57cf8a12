import { createContext, useCallback, useContext } from 'react';
import type { Intent } from '../../engine';
import { useSailplanStoreApi, type PlannedIntent } from '../../store';
import { problemsOfIntent } from './analysis';

/** How the inspector carries out one gesture. */
export interface EditOptions {
  /**
   * Select what the plan selects (a renamed resource, a new rule, a moved rule). Otherwise the
   * inspector keeps showing what it showed: editing a server's port must not turn the Gateway's
   * panel into the server's.
   */
  readonly follow?: boolean;
}

/** Carries out an intent as one dispatch; returns why it was not made, or undefined. */
export type InspectorEdit = (intent: Intent, options?: EditOptions) => string | undefined;

/**
 * The inspector's one way to change the design: the intent is checked against the analyzer
 * first (a regex that does not compile as RE2, a port out of range), then dispatched as one undo
 * step.
 */
export function useInspectorEdit(): InspectorEdit {
  const store = useSailplanStoreApi();
  return useCallback(
    (intent, options = {}) => {
      // Checked against the text as it is now, keys just typed in the editor included.
      store.getState().flush();
      const state = store.getState();
      let planned: PlannedIntent | undefined;
      if (state.derived.syntaxErrors === 0) {
        const { design } = state.derived;
        const checked = problemsOfIntent(design, intent);
        const [problem] = checked.problems;
        if (problem !== undefined) return problem;
        planned = { design, plan: checked.plan };
      }
      const before = state.selection;
      const result = state.dispatch(intent, planned);
      if (!result.ok) return result.reason;
      if (options.follow !== true && before !== null) store.getState().select(before);
      return undefined;
    },
    [store],
  );
}

/** Shows a gesture's failure where the user looks: the inspector's message line. */
export type ReportProblem = (message: string) => void;

/** The inspector's message line, given to the buttons and menus below it. */
export const ReportContext = createContext<ReportProblem>(() => undefined);

/** For buttons and selects: carries out the intent and reports a failure on the message line. */
export function useInspectorAction(): (intent: Intent, options?: EditOptions) => boolean {
  const edit = useInspectorEdit();
  const report = useContext(ReportContext);
  return useCallback(
    (intent, options) => {
      const problem = edit(intent, options);
      if (problem !== undefined) report(problem);
      return problem === undefined;
    },
    [edit, report],
  );
}
