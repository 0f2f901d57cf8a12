/** What one tab of the app tells the others: it has just written a design. */
export interface DesignSavedMessage {
  readonly kind: 'saved';
  /** The design written. */
  readonly id: string;
  /** The tab that wrote it (each page has its own). */
  readonly tab: string;
}

/** A line between the tabs of the app in one browser profile. */
export interface DesignChannel {
  post(message: DesignSavedMessage): void;
  /** Calls `handler` with each message another tab posts; returns what stops it. */
  listen(handler: (message: DesignSavedMessage) => void): () => void;
}

const CHANNEL = 'sailplan.designs';

function isSavedMessage(value: unknown): value is DesignSavedMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return (
    message.kind === 'saved' && typeof message.id === 'string' && typeof message.tab === 'string'
  );
}

/**
 * The tabs' channel over BroadcastChannel (same origin, same profile: the tabs that share the
 * IndexedDB designs), or undefined where the browser has none.
 */
export function openDesignChannel(): DesignChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(CHANNEL);
  return {
    post: (message) => channel.postMessage(message),
    listen: (handler) => {
      const onMessage = (event: MessageEvent) => {
        // Another tab may run another version of the app: only what this one understands counts.
        if (isSavedMessage(event.data)) handler(event.data);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}
