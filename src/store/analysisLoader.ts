import type { Analysis } from './analysisModule';
import { defaultAnalysis, defaultAnalyzer } from './defaultAnalysis';

export type { Analysis } from './analysisModule';

// Two references to what is there, so that the derive worker, which only diagnoses, bundles the
// analyzer without the route tests and the simulator.
let providedAnalyzer: Analysis['analyze'] | undefined = defaultAnalyzer;
let provided: Analysis | undefined = defaultAnalysis;
let loading: Promise<Analysis> | undefined;
let arrival: Promise<Analysis> | undefined;
let arrive: (analysis: Analysis) => void = () => undefined;

/**
 * The analyzer, the route tests and the simulator if they are there (at once outside the app; in
 * it, once `loadAnalysis` has brought them), else `undefined`: the store then says its analysis
 * and its tests are pending, and makes them when they arrive (`whenAnalysisLoaded`).
 */
export function loadedAnalysis(): Analysis | undefined {
  return provided;
}

/** The analyzer of `loadedAnalysis`, alone. */
export function loadedAnalyzer(): Analysis['analyze'] | undefined {
  return providedAnalyzer;
}

/** Resolves when the analysis is there, however it came (at once where it always is). */
export function whenAnalysisLoaded(): Promise<Analysis> {
  if (provided !== undefined) return Promise.resolve(provided);
  arrival ??= new Promise<Analysis>((resolve) => {
    arrive = resolve;
  });
  return arrival;
}

/**
 * Loads the analysis where it is not there from the start (the app's build, where it is a chunk of
 * its own: the bottom panel starts it after the first paint); resolves at once where it is. A
 * failed load is not kept, so a later call tries again.
 */
export function loadAnalysis(): Promise<Analysis> {
  if (provided !== undefined) return Promise.resolve(provided);
  loading ??= import('./analysisModule').then(
    (module) => {
      provided = module.analysis;
      providedAnalyzer = module.analysis.analyze;
      arrive(module.analysis);
      return module.analysis;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * For tests: stores made from now on behave as in the app before the analysis has arrived, until
 * `loadAnalysis` is called. The returned function puts the analysis back.
 */
export function withoutAnalysisForTesting(): () => void {
  const previous = provided;
  provided = undefined;
  providedAnalyzer = undefined;
  loading = undefined;
  arrival = undefined;
  return () => {
    provided ??= previous;
    providedAnalyzer = provided?.analyze;
    loading = undefined;
    if (provided !== undefined) arrive(provided);
    arrival = undefined;
  };
}
