import { buildTopology, loadDesign, type Topology } from '../../engine';
import bookinfoMesh from '../../../examples/bookinfo-mesh.yaml?raw';
import seedIngress from '../../../examples/seed-ingress.yaml?raw';

/** Example designs the canvas tests draw. */
export const DESIGNS = { seedIngress, bookinfoMesh } as const;

/** The topology of a design text, as the store derives it. */
export function topologyOf(text: string): Topology {
  return buildTopology(loadDesign([{ name: 'design.yaml', text }]).model);
}
