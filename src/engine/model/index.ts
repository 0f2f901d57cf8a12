export type * from './istio';
export type * from './types';
export { MODELLED_KINDS } from './types';
