export type * from './types';
export { TOPOLOGY_EDGE_TYPES, TOPOLOGY_NODE_TYPES } from './types';
export { buildTopology, destinationPercents, ruleDisplayName } from './buildTopology';
