export { formatDraw, simulate } from './simulate';
export type { SimulationSubject } from './simulate';
export type {
  Request,
  RequestSource,
  RequestScheme,
  ParsedRequest,
  ParseRequestResult,
} from './request';
export { parseRequest } from './request';
export type {
  DecidingRule,
  FailedCondition,
  MatchConditionField,
  Outcome,
  OutcomeDestination,
  ResponseFlag,
  Trace,
  TraceEnding,
  TraceStep,
  TraceStepKind,
  TraceStepStatus,
  WantedValue,
  WeightedOutcomeDestination,
} from './trace';
export { RESPONSE_FLAGS } from './trace';
export { parseRouteTests } from './routeTests';
export type {
  ExpectedDestination,
  Expectation,
  ParseRouteTestsResult,
  RouteTest,
  RouteTestError,
} from './routeTests';
export { runRouteTests } from './runRouteTests';
export type { RouteTestResult } from './runRouteTests';
export { compareOutcome, formatPercent } from './compareOutcome';
export type { OutcomeDifference } from './compareOutcome';
export { formatOutcome, formatTrace } from './formatTrace';
export { readyRequests } from './readyRequests';
export type { ReadyRequest } from './readyRequests';
