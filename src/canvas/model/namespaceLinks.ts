import type { NamespaceLink, NamespaceSummary } from './views';

/**
 * Up to this many links between namespaces, the namespaces view draws them all. Above it (a
 * 5,000-resource design has thousands), it draws the links out of the ingress namespaces and the
 * links of the namespace the user points at: thousands of crossing lines help nobody, and React
 * Flow took seconds to draw them.
 */
export const ALL_NAMESPACE_LINKS_UP_TO = 150;

/** Up to this many drawn links, each has its count as a label; above, only the focused ones. */
export const LABELLED_NAMESPACE_LINKS_UP_TO = 40;

/** A link the namespaces view draws, and whether its count is shown on it. */
export interface DrawnNamespaceLink {
  readonly link: NamespaceLink;
  readonly labelled: boolean;
}

/** Which links between namespaces are drawn, and how many are not. */
export interface NamespaceLinkSelection {
  readonly drawn: readonly DrawnNamespaceLink[];
  /** How many links are not drawn. */
  readonly hidden: number;
  /** The namespaces whose outgoing links are drawn whatever the focus: where traffic enters. */
  readonly ingress: readonly string[];
}

/** Where traffic enters the mesh: a namespace holding a load balancer or a Gateway. */
export function isIngressNamespace(summary: NamespaceSummary): boolean {
  return summary.counts.some(({ type }) => type === 'loadBalancer' || type === 'gateway');
}

/**
 * The links the namespaces view draws: all of them up to `limit`; above it, the links out of the
 * ingress namespaces (the busiest `limit` of them at most) and every link in or out of `focus`
 * (a namespace node's id: the selected, hovered or focused namespace). Links keep their order.
 */
export function selectNamespaceLinks(
  links: readonly NamespaceLink[],
  summaries: readonly NamespaceSummary[],
  focus: string | null,
  limit: number = ALL_NAMESPACE_LINKS_UP_TO,
): NamespaceLinkSelection {
  const ingressSummaries = summaries.filter(isIngressNamespace);
  const ingress = ingressSummaries.map((summary) => summary.namespace);
  if (links.length <= limit) {
    const labelled = links.length <= LABELLED_NAMESPACE_LINKS_UP_TO;
    return {
      drawn: links.map((link) => ({
        link,
        labelled: labelled || link.source === focus || link.target === focus,
      })),
      hidden: 0,
      ingress,
    };
  }
  const ingressIds = new Set(ingressSummaries.map((summary) => summary.id));
  const fromIngress = links.filter((link) => ingressIds.has(link.source));
  // The busiest links out of the ingress namespaces, when there are more than the view can hold.
  const kept = new Set(
    fromIngress.length <= limit
      ? fromIngress
      : [...fromIngress].sort((a, b) => b.count - a.count).slice(0, limit),
  );
  const drawn: DrawnNamespaceLink[] = [];
  for (const link of links) {
    const focused = focus !== null && (link.source === focus || link.target === focus);
    if (focused || kept.has(link)) drawn.push({ link, labelled: focused });
  }
  const labelAll = drawn.length <= LABELLED_NAMESPACE_LINKS_UP_TO;
  return {
    drawn: labelAll ? drawn.map((entry) => ({ ...entry, labelled: true })) : drawn,
    hidden: links.length - drawn.length,
    ingress,
  };
}
