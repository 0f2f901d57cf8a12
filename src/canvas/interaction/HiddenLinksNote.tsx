import { EyeOff } from 'lucide-react';
import { Panel } from '@xyflow/react';
import { useCanvas } from '../state/canvasContext';

const COUNT = new Intl.NumberFormat('en-US');

function namespaceOf(id: string): string {
  return id.slice('namespace:'.length);
}

/** A list of names in prose: "a", "a and b", "a, b and c". */
function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * Says, on the namespaces view of a large design, how many links between namespaces are not drawn
 * and how to see them: only the links out of the ingress namespaces are, and the links of the
 * namespace that is selected.
 */
export function HiddenLinksNote() {
  const viewMode = useCanvas((state) => state.viewMode);
  const hidden = useCanvas((state) => state.hiddenLinks);
  const focus = useCanvas((state) => state.selectedNamespace);
  if (viewMode !== 'namespaces' || hidden.count === 0) return null;
  const count = `${COUNT.format(hidden.count)} ${hidden.count === 1 ? 'link' : 'links'}`;
  return (
    <Panel position="bottom-right" className="sp-hidden-links">
      <div role="status" aria-live="polite" className="sp-hidden-links__note">
        <EyeOff size={14} aria-hidden="true" />
        {focus === null ? (
          <p>
            <strong>{count} between namespaces hidden</strong>: select a namespace to see its links.
            {hidden.ingress.length > 0 && (
              <span className="sp-hidden-links__drawn">
                {' '}
                Drawn: the links out of {listed(hidden.ingress)}, where traffic enters.
              </span>
            )}
          </p>
        ) : (
          <p>
            Showing the links of <strong>{namespaceOf(focus)}</strong>.{' '}
            <span className="sp-hidden-links__drawn">{count} between other namespaces hidden.</span>
          </p>
        )}
      </div>
    </Panel>
  );
}
