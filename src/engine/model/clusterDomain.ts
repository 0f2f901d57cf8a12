import { isScalar } from 'yaml';
import { lookupPath } from '../yaml/rangeAt';
import type { TextEdit } from '../yaml/types';
import { CLUSTER_DOMAIN_PATH, isClusterDomain } from './extractDocument';
import type { Design } from './loadDesign';
import { CLUSTER_DOMAIN } from './resolveHost';

export { isClusterDomain };

/** The document a design gains to set its cluster domain (Istio's install values, nothing else). */
function operatorDocument(domain: string): string {
  return `# The mesh's cluster domain, as Istio was installed with it (values.global.proxy.clusterDomain).
# Sailplan reads only this field of an IstioOperator.
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: cluster-domain
  namespace: istio-system
spec:
  values:
    global:
      proxy:
        clusterDomain: ${domain}
`;
}

/**
 * The text edit of file `fileName` that makes `domain` the design's cluster domain: the value of
 * the first IstioOperator that writes `spec.values.global.proxy.clusterDomain` is replaced (the rest
 * of the text untouched); without one, an IstioOperator document that sets only the domain is
 * appended. Undefined when nothing needs to change (the domain is already in force, or
 * `cluster.local` is asked of a design that never set one). Throws on a domain that is not a DNS
 * name (check with `isClusterDomain`).
 */
export function clusterDomainEdit(
  design: Design,
  fileName: string,
  domain: string,
): TextEdit | undefined {
  if (!isClusterDomain(domain)) throw new Error(`${JSON.stringify(domain)} is not a DNS name`);
  for (const operator of design.model.unmodelled) {
    if (operator.kind !== 'IstioOperator' || operator.origin.file !== fileName) continue;
    const file = design.files.find((candidate) => candidate.name === fileName);
    const parsed = file?.documents[operator.origin.documentIndex];
    if (parsed === undefined) continue;
    const { node, depth } = lookupPath(parsed.tree, [
      ...operator.origin.path,
      ...CLUSTER_DOMAIN_PATH,
    ]);
    const range = node?.range;
    if (depth !== operator.origin.path.length + CLUSTER_DOMAIN_PATH.length) continue;
    if (!isScalar(node) || range === undefined || range === null) continue;
    if (node.value === domain) return undefined;
    return { start: parsed.offset + range[0], end: parsed.offset + range[1], text: domain };
  }
  if (domain === (design.model.clusterDomain ?? CLUSTER_DOMAIN)) return undefined;
  const text = design.files.find((candidate) => candidate.name === fileName)?.text ?? '';
  const end = text.length;
  if (text.trim() === '') return { start: 0, end, text: operatorDocument(domain) };
  const separator = text.endsWith('\n') ? '---\n' : '\n---\n';
  return { start: end, end, text: `${separator}${operatorDocument(domain)}` };
}
