import type { EdgeTypes } from '@xyflow/react';
import { NamespaceLinkEdge } from './NamespaceLinkEdge';
import { TrafficEdge } from './TrafficEdge';

/** Edge components by type: a module constant, so React Flow never sees a new object. */
export const edgeTypes = {
  traffic: TrafficEdge,
  namespaceLink: NamespaceLinkEdge,
} satisfies EdgeTypes;
