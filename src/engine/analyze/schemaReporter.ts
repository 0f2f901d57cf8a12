import type { Resource, YamlPath } from '../model';
import type { Report } from './types';

/** Istio's code for a webhook error. */
export const SCHEMA_ERROR_CODE = 'IST0106';
/** Istio's code for a webhook warning. */
export const SCHEMA_WARNING_CODE = 'IST0133';

/** Reports webhook results in istioctl's words (`Schema validation error: ...`). */
export interface SchemaReporter {
  error(path: YamlPath, message: string): void;
  warning(path: YamlPath, message: string): void;
}

/** A SchemaReporter that files its findings against one resource. */
export function schemaReporter(resource: Resource, report: Report): SchemaReporter {
  return {
    error: (path, message) =>
      report({
        code: SCHEMA_ERROR_CODE,
        level: 'error',
        message: `Schema validation error: ${message}`,
        resource: resource.key,
        path,
      }),
    warning: (path, message) =>
      report({
        code: SCHEMA_WARNING_CODE,
        level: 'warning',
        message: `Schema validation warning: ${message}`,
        resource: resource.key,
        path,
      }),
  };
}
