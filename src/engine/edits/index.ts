export type * from './intents';
export { ADDABLE_KINDS, isRefused } from './intents';
export { applyEdits, invertEdits, sortEdits } from './applyEdits';
export { editsForFile, planIntent, prepareToEdit } from './planIntent';
export type { EditableDesign } from './session';
export { ruleLabel, ruleName } from './planners/common';
export {
  canConnect,
  connectionIntent,
  parseNodeId,
  planConnection,
  ruleNodeId,
  serverNodeId,
} from './connections';
export type { ConnectionCheck, ConnectionMeaning, NodeId, NodeReference } from './connections';
export {
  validateHeaderOperationName,
  validateHeaderValue,
  validateIpSubnet,
  validateNamespaceName,
  validatePercentage,
  validateRequestHeaderSetName,
  validateResourceName,
  validateServerHost,
  validateSubsetName,
  validateWeight,
} from './inputChecks';
