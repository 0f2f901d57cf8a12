import { sortEdits } from './applyEdits';
import type { FileTextEdit, Intent, PlanResult, PlanSelection } from './intents';
import {
  planGatewaySelectLoadBalancer,
  planGatewaySetHttpsRedirect,
  planGatewaySetServerProtocol,
  planGatewaySetServerTlsMode,
  planServerAdd,
  planServerRemove,
  planVirtualServiceBindGateway,
} from './planners/gateways';
import {
  planFieldRemove,
  planFieldSet,
  planListInsert,
  planListMove,
  planListRemove,
} from './planners/fields';
import {
  planResourceAdd,
  planResourceDelete,
  planResourceRename,
  planResourceSetNamespace,
} from './planners/resources';
import {
  planMatchAdd,
  planMatchRemove,
  planRouteAddDestination,
  planRouteRemoveDestination,
  planRouteSetWeight,
  planRuleAdd,
  planRuleMove,
  planRuleRemove,
  planRuleSetName,
} from './planners/routes';
import {
  planDestinationRuleSetHost,
  planServiceSelectWorkload,
  planSubsetAdd,
  planSubsetRemove,
  planSubsetRename,
} from './planners/services';
import { assertNever } from './references';
import { PlanRefusal } from './refusal';
import { EditSession } from './session';
import type { EditableDesign } from './session';
import { documentOfResource } from '../model/loadDesign';
import type { ResourceKey } from '../model/types';

function runPlanner(session: EditSession, intent: Intent): PlanSelection | undefined {
  switch (intent.type) {
    case 'resource.add':
      return planResourceAdd(session, intent);
    case 'resource.delete':
      return planResourceDelete(session, intent);
    case 'resource.rename':
      return planResourceRename(session, intent);
    case 'resource.setNamespace':
      return planResourceSetNamespace(session, intent);
    case 'gateway.selectLoadBalancer':
      return planGatewaySelectLoadBalancer(session, intent);
    case 'virtualService.bindGateway':
      return planVirtualServiceBindGateway(session, intent);
    case 'service.selectWorkload':
      return planServiceSelectWorkload(session, intent);
    case 'destinationRule.setHost':
      return planDestinationRuleSetHost(session, intent);
    case 'field.set':
      return planFieldSet(session, intent);
    case 'field.remove':
      return planFieldRemove(session, intent);
    case 'list.insert':
      return planListInsert(session, intent);
    case 'list.remove':
      return planListRemove(session, intent);
    case 'list.move':
      return planListMove(session, intent);
    case 'route.setWeight':
      return planRouteSetWeight(session, intent);
    case 'route.addDestination':
      return planRouteAddDestination(session, intent);
    case 'route.removeDestination':
      return planRouteRemoveDestination(session, intent);
    case 'rule.add':
      return planRuleAdd(session, intent);
    case 'rule.remove':
      return planRuleRemove(session, intent);
    case 'rule.move':
      return planRuleMove(session, intent);
    case 'rule.setName':
      return planRuleSetName(session, intent);
    case 'match.add':
      return planMatchAdd(session, intent);
    case 'match.remove':
      return planMatchRemove(session, intent);
    case 'server.add':
      return planServerAdd(session, intent);
    case 'server.remove':
      return planServerRemove(session, intent);
    case 'subset.add':
      return planSubsetAdd(session, intent);
    case 'subset.remove':
      return planSubsetRemove(session, intent);
    case 'subset.rename':
      return planSubsetRename(session, intent);
    case 'gateway.setHttpsRedirect':
      return planGatewaySetHttpsRedirect(session, intent);
    case 'gateway.setServerProtocol':
      return planGatewaySetServerProtocol(session, intent);
    case 'gateway.setServerTlsMode':
      return planGatewaySetServerTlsMode(session, intent);
    default:
      return assertNever(intent);
  }
}

/** Checks a batch per file (a planner that produced overlapping edits has a bug: this throws). */
function checkBatch(edits: readonly FileTextEdit[]): void {
  const files = new Set(edits.map((edit) => edit.file));
  for (const file of files) sortEdits(edits.filter((edit) => edit.file === file));
}

/**
 * Plans an intent against one version of the design: the minimal text edits (one batch, one undo
 * step), what to select afterwards and what else changes; or the reason it cannot be done. Throws
 * only for programmer errors.
 */
export function planIntent(design: EditableDesign, intent: Intent): PlanResult {
  const session = new EditSession(design);
  let selection: PlanSelection | undefined;
  try {
    selection = runPlanner(session, intent);
  } catch (error) {
    if (error instanceof PlanRefusal) return { refused: error.message };
    throw error;
  }
  const edits = session.edits();
  checkBatch(edits);
  return selection === undefined
    ? { edits, effects: session.effects }
    : { edits, selection, effects: session.effects };
}

/** The edits of a plan that apply to one file. */
export function editsForFile(edits: readonly FileTextEdit[], file: string): FileTextEdit[] {
  return edits.filter((edit) => edit.file === file);
}

/**
 * Does ahead of time, for an edit of the resource `key` to come, the work its plan starts with:
 * its document parsed with the tokens that editing keeps (the design's parse has none), kept with
 * the design. What a planner then does is the edit itself (issue 5: a canvas edit applied within
 * a frame). A resource the design does not hold is ignored.
 */
export function prepareToEdit(design: EditableDesign, key: ResourceKey): void {
  // The getter parses once and keeps the result with the parsed document.
  void documentOfResource(design, key)?.document;
}
