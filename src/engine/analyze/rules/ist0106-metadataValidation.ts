import { schemaReporter } from '../schemaReporter';
import type { ResourceRule } from '../types';

const DRY_RUN = 'istio.io/dry-run';
const ALWAYS_REJECT = 'internal.istio.io/webhook-always-reject';
const INTERNAL_ANNOTATIONS = ['internal.istio.io/parents', 'internal.istio.io/parent-namespace'];

/**
 * Annotations the webhook rejects on Gateway, VirtualService, DestinationRule and ServiceEntry
 * (analyzers.md §2.0): `istio.io/dry-run` belongs to AuthorizationPolicy only, and the
 * `internal.istio.io` ones are Istio's own.
 */
export const metadataValidationRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0106-metadataValidation',
  codes: ['IST0106'],
  check(resource, report) {
    if (
      resource.kind !== 'Gateway' &&
      resource.kind !== 'VirtualService' &&
      resource.kind !== 'DestinationRule' &&
      resource.kind !== 'ServiceEntry'
    ) {
      return;
    }
    const reporter = schemaReporter(resource, report);
    const annotations = resource.annotations;
    if (Object.hasOwn(annotations, DRY_RUN)) {
      reporter.error(
        ['metadata', 'annotations', DRY_RUN],
        `${resource.namespace}/${resource.name} has unsupported annotation ${DRY_RUN}, please remove the annotation`,
      );
    }
    if (Object.hasOwn(annotations, ALWAYS_REJECT)) {
      reporter.error(
        ['metadata', 'annotations', ALWAYS_REJECT],
        `${JSON.stringify(ALWAYS_REJECT)} annotation found, rejecting`,
      );
    }
    for (const name of INTERNAL_ANNOTATIONS) {
      if (Object.hasOwn(annotations, name)) {
        reporter.error(
          ['metadata', 'annotations', name],
          `${JSON.stringify(name)} annotation is reserved for Istio, rejecting`,
        );
      }
    }
  },
};
