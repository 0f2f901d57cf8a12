import type { Resource, ResourceKey } from '../model';
import type { Finding } from './types';

/** Istio's annotation: a comma-separated list of codes (or `*`) not to report on that resource. */
export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

/** Decides whether a finding is silenced by the options or by its resource's annotation. */
export interface Suppression {
  isSilenced(finding: Finding): boolean;
}

/**
 * `silenced` holds `CODE` (everywhere) or `CODE:kind/namespace/name` (one resource). The annotation
 * works as in istioctl: split on commas with no trimming, each entry a code or `*`.
 */
export function createSuppression(
  silenced: readonly string[],
  resourceByKey: ReadonlyMap<ResourceKey, Resource>,
): Suppression {
  const everywhere = new Set<string>();
  const perResource = new Set<string>();
  for (const entry of silenced) {
    const colon = entry.indexOf(':');
    if (colon < 0) everywhere.add(entry);
    else perResource.add(entry);
  }
  const annotationCodes = new Map<ResourceKey, ReadonlySet<string>>();
  const codesOf = (key: ResourceKey): ReadonlySet<string> => {
    const known = annotationCodes.get(key);
    if (known !== undefined) return known;
    const value = resourceByKey.get(key)?.annotations[SUPPRESS_ANNOTATION];
    const codes: ReadonlySet<string> = new Set(
      value === undefined || value === '' ? [] : value.split(','),
    );
    annotationCodes.set(key, codes);
    return codes;
  };
  return {
    isSilenced(finding) {
      if (everywhere.has(finding.code) || perResource.has(`${finding.code}:${finding.resource}`))
        return true;
      const codes = codesOf(finding.resource);
      return codes.has('*') || codes.has(finding.code);
    },
  };
}
