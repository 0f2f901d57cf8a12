import { Trash2 } from 'lucide-react';
import type { RuleSection, VirtualServiceResource } from '../../../engine';
import { useSailplanStoreApi } from '../../../store';
import { IconButton } from '../fields';
import type { ResourceEditing } from '../useResourceEditing';

/**
 * Removes one destination of an http, tcp or tls rule. The last destination takes its rule with
 * it, so that one asks first (the delete confirmation says what goes); the others go at once, the
 * weights left rebalanced (route.removeDestination).
 */
export function RemoveDestinationButton({
  virtualService,
  section,
  ruleIndex,
  index,
  count,
  editing,
}: {
  readonly virtualService: VirtualServiceResource;
  readonly section: RuleSection;
  readonly ruleIndex: number;
  /** The destination's place in the rule's `route`. */
  readonly index: number;
  /** How many destinations the rule has. */
  readonly count: number;
  readonly editing: ResourceEditing;
}) {
  const store = useSailplanStoreApi();
  return (
    <IconButton
      label={`Remove destination ${index + 1}`}
      tone="danger"
      onClick={() => {
        if (count === 1) {
          store
            .getState()
            .requestDelete(`route:${virtualService.key}#${section}/${ruleIndex}/${index}`);
          return;
        }
        editing.act({
          type: 'route.removeDestination',
          virtualService: virtualService.key,
          section,
          rule: ruleIndex,
          destination: index,
        });
      }}
    >
      <Trash2 size={14} aria-hidden="true" />
    </IconButton>
  );
}
