import {
  canConnect,
  connectionIntent,
  ruleLabel,
  type ConnectionCheck,
  type Design,
  type Intent,
} from '../../engine';
import type { SailplanStore } from '../../store';
import { isPartHandle } from '../model/geometry';

/** The canvas id a connection end stands for: the part its handle belongs to, else the node. */
export function endpointId(nodeId: string, handleId: string | null | undefined): string {
  return isPartHandle(handleId) ? handleId : nodeId;
}

/**
 * The rules the checker saw a connection would add a destination to, as they are written (their
 * name): the hover names the rule as the canvas, the route tests and the edits' messages do.
 */
const rulesOfIntents = new WeakMap<Intent, unknown>();

/** What a connection would do, in words, for the hover feedback: rules named as on the canvas. */
export function describeIntent(intent: Intent, rule: unknown = rulesOfIntents.get(intent)): string {
  switch (intent.type) {
    case 'gateway.selectLoadBalancer':
      return 'The Gateway will select this load balancer’s pods';
    case 'virtualService.bindGateway':
      return intent.server === undefined
        ? 'Binds the VirtualService to this Gateway'
        : `Binds the VirtualService to server ${intent.server + 1} of this Gateway`;
    case 'route.addDestination':
      return `${ruleLabel(rule, intent.rule, intent.section)} will also route to ${intent.destination.host}${
        intent.destination.subset === undefined ? '' : ` subset ${intent.destination.subset}`
      }`;
    case 'rule.add':
      return 'Adds a rule routing here';
    case 'service.selectWorkload':
      return 'The Service will select these pods';
    case 'destinationRule.setHost':
      return `The DestinationRule will apply to ${intent.host}`;
    default:
      return 'Connects them';
  }
}

function rememberRule(design: Design, intent: Intent): void {
  if (intent.type !== 'route.addDestination') return;
  const virtualService = design.model.byKey.get(intent.virtualService);
  if (virtualService?.kind !== 'VirtualService') return;
  const rule = virtualService.spec[intent.section ?? 'http']?.[intent.rule];
  if (rule !== undefined) rulesOfIntents.set(intent, rule);
}

/**
 * Whether a connection may be made, asked on every pointer move while one is drawn: planned once
 * per pair and version of the design.
 */
export function createConnectionChecker(app: SailplanStore) {
  let version = -1;
  let checks = new Map<string, ConnectionCheck>();
  return {
    check(sourceId: string, targetId: string): ConnectionCheck {
      const { derived } = app.getState();
      if (derived.syntaxErrors > 0) {
        return { allowed: false, reason: 'The YAML has errors: fix them in the editor first' };
      }
      if (derived.version !== version) {
        version = derived.version;
        checks = new Map();
      }
      const key = `${sourceId}\n${targetId}`;
      let result = checks.get(key);
      if (result === undefined) {
        result = canConnect(derived.design, sourceId, targetId);
        if (result.allowed) rememberRule(derived.design, result.intent);
        checks.set(key, result);
      }
      return result;
    },
    /** The intent to dispatch for a connection, or why there is none. */
    intent(sourceId: string, targetId: string) {
      return connectionIntent(app.getState().derived.design, sourceId, targetId);
    },
  };
}

/** A connection checker's API. */
export type ConnectionChecker = ReturnType<typeof createConnectionChecker>;
