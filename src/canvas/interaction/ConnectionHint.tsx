import { useConnection } from '@xyflow/react';
import { Ban, Check } from 'lucide-react';
import { describeIntent, endpointId, type ConnectionChecker } from './connectionRules';

/**
 * While a connection is drawn over a node: what dropping it there would do, or why it would be
 * refused (`canConnect`), next to the pointer.
 */
export function ConnectionHint({ checker }: { checker: ConnectionChecker }) {
  const connection = useConnection();
  if (!connection.inProgress || connection.toHandle === null) return null;
  const from = endpointId(connection.fromHandle.nodeId, connection.fromHandle.id);
  const to = endpointId(connection.toHandle.nodeId, connection.toHandle.id);
  const check = checker.check(from, to);
  return (
    <div
      className={`sp-connection-hint ${check.allowed ? 'sp-connection-hint--allowed' : 'sp-connection-hint--refused'}`}
      style={{ left: connection.pointer.x + 16, top: connection.pointer.y + 18 }}
      role="status"
    >
      {check.allowed ? (
        <Check size={13} strokeWidth={2.5} aria-hidden="true" />
      ) : (
        <Ban size={13} strokeWidth={2.5} aria-hidden="true" />
      )}
      <span>{check.allowed ? describeIntent(check.intent) : check.reason}</span>
    </div>
  );
}
