import type { AnalyzerRule } from '../types';
import { destinationRuleValidationRule } from './ist0106-destinationRuleValidation';
import { gatewayValidationRule } from './ist0106-gatewayValidation';
import { httpRouteValidationRule } from './ist0106-httpRouteValidation';
import { metadataValidationRule } from './ist0106-metadataValidation';
import { serviceEntryValidationRule } from './ist0106-serviceEntryValidation';
import { virtualServiceValidationRule } from './ist0106-virtualServiceValidation';
import { virtualServiceUnreachableRule } from './ist0130-virtualServiceUnreachableRule';
import { virtualServiceIneffectiveMatchRule } from './ist0131-virtualServiceIneffectiveMatch';

/** Every analyzer rule, one per file, in code order. */
export const RULES: readonly AnalyzerRule[] = [
  metadataValidationRule,
  gatewayValidationRule,
  virtualServiceValidationRule,
  httpRouteValidationRule,
  destinationRuleValidationRule,
  serviceEntryValidationRule,
  virtualServiceUnreachableRule,
  virtualServiceIneffectiveMatchRule,
];
