import { memo } from 'react';
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
} from 'lucide-react';
import type { ResourceFlowNode } from '../model/projection';
import { ResourceNodeFrame } from './ResourceNodeFrame';

type ResourceNodeProps = NodeProps<ResourceFlowNode>;

// One node type per kind: each has its icon, colour and the handles its kind connects with.

/** A LoadBalancer Service: where external traffic enters. */
export const LoadBalancerNode = memo(function LoadBalancerNode(props: ResourceNodeProps) {
  return (
    <ResourceNodeFrame
      id={props.id}
      icon={Network}
      kindToken="--kind-lb"
      selected={props.selected}
      connectable={props.isConnectable}
    />
  );
});

/** An Istio Gateway: one row and handle per server. */
export const GatewayNode = memo(function GatewayNode(props: ResourceNodeProps) {
  return (
    <ResourceNodeFrame
      id={props.id}
      icon={DoorOpen}
      kindToken="--kind-gateway"
      selected={props.selected}
      connectable={props.isConnectable}
    />
  );
});

/** An Istio VirtualService: its hosts, and one row and handle per rule, in rule order. */
export const VirtualServiceNode = memo(function VirtualServiceNode(props: ResourceNodeProps) {
  return (
    <ResourceNodeFrame
      id={props.id}
      icon={Signpost}
      kindToken="--kind-virtualservice"
      selected={props.selected}
      connectable={props.isConnectable}
    />
  );
});

/** A Kubernetes Service: one row per port, where routes arrive. */
export const ServiceNode = memo(function ServiceNode(props: ResourceNodeProps) {
  return (
    <ResourceNodeFrame
      id={props.id}
      icon={Server}
      kindToken="--kind-service"
      selected={props.selected}
      connectable={props.isConnectable}
    />
  );
});

/** An Istio DestinationRule: its host, and one row per subset. */
export const DestinationRuleNode = memo(function DestinationRuleNode(props: ResourceNodeProps) {
  return (
    <ResourceNodeFrame
      id={props.id}
      icon={SlidersHorizontal}
      kindToken="--kind-destinationrule"
      selected={props.selected}
      connectable={props.isConnectable}
    />
  );
});

/** An Istio ServiceEntry: hosts and ports outside (or added to) the mesh. */
export const ServiceEntryNode = memo(function ServiceEntryNode(props: ResourceNodeProps) {
  return (
    <ResourceNodeFrame
      id={props.id}
      icon={Globe}
      kindToken="--kind-serviceentry"
      selected={props.selected}
      connectable={props.isConnectable}
    />
  );
});

/** A Deployment, StatefulSet or DaemonSet, standing for its pods and their labels. */
export const WorkloadNode = memo(function WorkloadNode(props: ResourceNodeProps) {
  return (
    <ResourceNodeFrame
      id={props.id}
      icon={Container}
      kindToken="--kind-workload"
      selected={props.selected}
      connectable={props.isConnectable}
    />
  );
});

/** A placeholder for something referenced but not in the design. */
export const MissingNode = memo(function MissingNode(props: ResourceNodeProps) {
  return (
    <ResourceNodeFrame
      id={props.id}
      icon={CircleDashed}
      kindToken="--warning"
      selected={props.selected}
      connectable={false}
    />
  );
});
