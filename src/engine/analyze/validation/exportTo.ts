import { isDnsLabel } from './names';

/** A problem with one `exportTo` entry (by index) or with the list as a whole (index undefined). */
export interface ExportToProblem {
  readonly index?: number;
  readonly message: string;
}

/** Which kind owns the list: `~` is allowed only on ServiceEntry; selector DRs are restricted. */
export interface ExportToOwner {
  readonly namespace: string;
  readonly isServiceEntry: boolean;
  readonly isDestinationRuleWithSelector: boolean;
}

function validateVisibility(entry: string): string | undefined {
  if (entry === '.' || entry === '*') return undefined;
  if (entry === '~') return 'exportTo ~ (none) is not allowed for Istio configuration objects';
  if (!isDnsLabel(entry))
    return 'only .,*,~, or a valid DNS 1123 label is allowed as exportTo entry';
  return undefined;
}

/** The webhook's exportTo rules (analyzers.md §2.0), in Istio's order and words. */
export function validateExportTo(
  exportTo: readonly string[] | undefined,
  owner: ExportToOwner,
): ExportToProblem[] {
  if (exportTo === undefined || exportTo.length === 0) return [];
  const problems: ExportToProblem[] = [];
  const accepted = new Set<string>();
  for (const [index, entry] of exportTo.entries()) {
    // `.` means the own namespace, so `.` next to that namespace's name is a duplicate.
    const key = entry === '.' ? owner.namespace : entry;
    if (accepted.has(key)) {
      problems.push({
        index,
        message:
          key === entry
            ? `duplicate entries in exportTo for entry ${entry}`
            : `duplicate entries in exportTo: . and current namespace ${owner.namespace}`,
      });
      continue;
    }
    if (owner.isServiceEntry && entry === '~') {
      accepted.add(key);
      continue;
    }
    const problem = validateVisibility(key);
    if (problem === undefined) accepted.add(key);
    else problems.push({ index, message: problem });
  }
  if (owner.isDestinationRuleWithSelector && accepted.size > 0) {
    if (!accepted.has(owner.namespace)) {
      problems.push({
        message:
          'destination rule with workload selector cannot have exportTo beyond current namespace',
      });
    } else if (accepted.size > 1) {
      problems.push({
        message: 'destination rule with workload selector cannot have multiple entries in exportTo',
      });
    }
  }
  if (accepted.has('*') && exportTo.length > 1) {
    problems.push({
      message: 'cannot have both public (*) and non-public exportTo values for a resource',
    });
  }
  if (accepted.has('~') && exportTo.length > 1) {
    problems.push({ message: 'cannot export service entry to no one (~) and someone' });
  }
  return problems;
}
