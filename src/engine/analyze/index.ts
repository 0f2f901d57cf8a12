export { analyze } from './analyze';
export type { AnalyzeOptions } from './analyze';
export { RULE_DESCRIPTORS } from './catalogue';
export { formatIstioctl } from './formatIstioctl';
export { SUPPRESS_ANNOTATION } from './suppression';
export type { RuleDescriptor, RuleSource } from './types';
