/**
 * Sailplan's engine: the public API. Other layers (store, canvas, editor, ui, cli) import the engine
 * only from here. Pure TypeScript: no React, DOM, Monaco, React Flow or zustand.
 */
export type * from './diagnostics';
export * from './yaml';
export * from './model';
export * from './graph';
export * from './edits';
export * from './simulate';
export * from './analyze';
export * from './share';
export * from './regex';
// The webhook's value checks, for forms that refuse a bad value before any edit is planned.
export { validateDuration } from './analyze/validation/duration';
export {
  validateFqdn,
  validatePartialWildcard,
  validatePort,
  validatePortName,
  validateWildcardDomain,
} from './analyze/validation/names';
export { validateRegex } from './analyze/validation/regex';
