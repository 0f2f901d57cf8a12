import type { NodeTypes } from '@xyflow/react';
import { NamespaceGroupNode, NamespaceSummaryNode } from './namespaceNodes';
import {
  DestinationRuleNode,
  GatewayNode,
  LoadBalancerNode,
  MissingNode,
  ServiceEntryNode,
  ServiceNode,
  VirtualServiceNode,
  WorkloadNode,
} from './resourceNodes';

/** Node components by type: a module constant, so React Flow never sees a new object. */
export const nodeTypes = {
  loadBalancer: LoadBalancerNode,
  gateway: GatewayNode,
  virtualService: VirtualServiceNode,
  service: ServiceNode,
  destinationRule: DestinationRuleNode,
  serviceEntry: ServiceEntryNode,
  workload: WorkloadNode,
  missing: MissingNode,
  namespaceGroup: NamespaceGroupNode,
  namespaceSummary: NamespaceSummaryNode,
} satisfies NodeTypes;
