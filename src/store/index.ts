export * from './createSailplanStore';
export * from './context';
export * from './derive';
export {
  loadAnalysis,
  loadedAnalysis,
  whenAnalysisLoaded,
  withoutAnalysisForTesting,
  type Analysis,
} from './analysisLoader';
export * from './textBuffer';
export * from './deriveScheduler';
export { nextPaint } from './paintScheduler';
export * from './sourceNodes';
export * from './simulationSlice';
export * from './traceHighlight';
export * from './routeTestsSlice';
export * from './silencedSlice';
export * from './revealSlice';
export type { DesignReading } from './largeDesign';
