import { memo, type ComponentType } from 'react';
import type { NodeProps } from '@xyflow/react';
import {
  CircleDashed,
  Container,
  DoorOpen,
  Globe,
  Network,
  Server,
  Signpost,
  SlidersHorizontal,
  type LucideIcon,
} from 'lucide-react';
import type { ResourceFlowNode } from '../model/projection';
import { ResourceNodeFrame } from './ResourceNodeFrame';

type ResourceNodeProps = NodeProps<ResourceFlowNode>;

interface ResourceNodeKind {
  /** The component's name, as React DevTools shows it. */
  readonly name: string;
  readonly icon: LucideIcon;
  /** The `--kind-*` colour token the node is tinted with. */
  readonly kindToken: string;
  /** False for placeholders: nothing connects to what is not in the design. */
  readonly connectable?: boolean;
}

/**
 * One node type per kind: the shared frame with the kind's icon and colour. The frame draws the
 * rows and the handles the kind connects with, from the node's view.
 */
function resourceNode({
  name,
  icon,
  kindToken,
  connectable = true,
}: ResourceNodeKind): ComponentType<ResourceNodeProps> {
  function ResourceNode(props: ResourceNodeProps) {
    return (
      <ResourceNodeFrame
        id={props.id}
        icon={icon}
        kindToken={kindToken}
        selected={props.selected}
        connectable={connectable && props.isConnectable}
      />
    );
  }
  ResourceNode.displayName = name;
  return memo(ResourceNode);
}

/** A LoadBalancer Service: where external traffic enters. */
export const LoadBalancerNode = resourceNode({
  name: 'LoadBalancerNode',
  icon: Network,
  kindToken: '--kind-lb',
});

/** An Istio Gateway: one row and handle per server. */
export const GatewayNode = resourceNode({
  name: 'GatewayNode',
  icon: DoorOpen,
  kindToken: '--kind-gateway',
});

/** An Istio VirtualService: its hosts, and one row and handle per rule, in rule order. */
export const VirtualServiceNode = resourceNode({
  name: 'VirtualServiceNode',
  icon: Signpost,
  kindToken: '--kind-virtualservice',
});

/** A Kubernetes Service: one row per port, where routes arrive. */
export const ServiceNode = resourceNode({
  name: 'ServiceNode',
  icon: Server,
  kindToken: '--kind-service',
});

/** An Istio DestinationRule: its host, and one row per subset. */
export const DestinationRuleNode = resourceNode({
  name: 'DestinationRuleNode',
  icon: SlidersHorizontal,
  kindToken: '--kind-destinationrule',
});

/** An Istio ServiceEntry: hosts and ports outside (or added to) the mesh. */
export const ServiceEntryNode = resourceNode({
  name: 'ServiceEntryNode',
  icon: Globe,
  kindToken: '--kind-serviceentry',
});

/** A Deployment, StatefulSet or DaemonSet, standing for its pods and their labels. */
export const WorkloadNode = resourceNode({
  name: 'WorkloadNode',
  icon: Container,
  kindToken: '--kind-workload',
});

/** A placeholder for something referenced but not in the design. */
export const MissingNode = resourceNode({
  name: 'MissingNode',
  icon: CircleDashed,
  kindToken: '--warning',
  connectable: false,
});
