import {
  Container,
  DoorOpen,
  Globe,
  Network,
  Server,
  Signpost,
  SlidersHorizontal,
  type LucideIcon,
} from 'lucide-react';
import type { ResourceAddIntent } from '../../engine';

/** A kind the palette adds, with the intent that adds it. */
export interface PaletteItem {
  readonly id: string;
  /** The short label under the icon. */
  readonly label: string;
  /** The kind in full, for the button's accessible name (`Add LoadBalancer Service`). */
  readonly title: string;
  readonly icon: LucideIcon;
  readonly kindToken: string;
  readonly intent: Omit<ResourceAddIntent, 'type' | 'namespace'>;
  /** Where Istio installs usually keep it. */
  readonly defaultNamespace: string;
}

/** The kinds of GitHub issue 5.1, in the order traffic meets them. */
export const PALETTE_ITEMS: readonly PaletteItem[] = [
  {
    id: 'loadBalancer',
    label: 'Load balancer',
    title: 'LoadBalancer Service',
    icon: Network,
    kindToken: '--kind-lb',
    intent: { kind: 'Service', serviceType: 'LoadBalancer' },
    defaultNamespace: 'istio-system',
  },
  {
    id: 'gateway',
    label: 'Gateway',
    title: 'Gateway',
    icon: DoorOpen,
    kindToken: '--kind-gateway',
    intent: { kind: 'Gateway' },
    defaultNamespace: 'istio-system',
  },
  {
    id: 'virtualService',
    label: 'Virtual service',
    title: 'VirtualService',
    icon: Signpost,
    kindToken: '--kind-virtualservice',
    intent: { kind: 'VirtualService' },
    defaultNamespace: 'default',
  },
  {
    id: 'service',
    label: 'Service',
    title: 'Service',
    icon: Server,
    kindToken: '--kind-service',
    intent: { kind: 'Service' },
    defaultNamespace: 'default',
  },
  {
    id: 'destinationRule',
    label: 'Destination rule',
    title: 'DestinationRule',
    icon: SlidersHorizontal,
    kindToken: '--kind-destinationrule',
    intent: { kind: 'DestinationRule' },
    defaultNamespace: 'default',
  },
  {
    id: 'serviceEntry',
    label: 'Service entry',
    title: 'ServiceEntry',
    icon: Globe,
    kindToken: '--kind-serviceentry',
    intent: { kind: 'ServiceEntry' },
    defaultNamespace: 'default',
  },
  {
    id: 'deployment',
    label: 'Deployment',
    title: 'Deployment',
    icon: Container,
    kindToken: '--kind-workload',
    intent: { kind: 'Deployment' },
    defaultNamespace: 'default',
  },
];

/** The drag-and-drop data type of a palette item. */
export const PALETTE_DRAG_TYPE = 'application/x-sailplan-palette-item';
