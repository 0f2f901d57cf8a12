import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DesignIo } from './designIo';
import type { SessionState } from './designSession';
import type { IoInterfaceState } from './ioInterface';

const DesignIoContext = createContext<DesignIo | null>(null);

/** Gives the design io controller to the toolbar, the dialogs and the listeners below it. */
export function DesignIoProvider({ io, children }: { io: DesignIo; children: ReactNode }) {
  return <DesignIoContext.Provider value={io}>{children}</DesignIoContext.Provider>;
}

/** The design io controller of the nearest provider. */
export function useDesignIo(): DesignIo {
  const io = useContext(DesignIoContext);
  if (io === null) throw new Error('useDesignIo must be used inside <DesignIoProvider>');
  return io;
}

/** Selects from the design session's state (current design, saved designs, autosave). */
export function useSession<T>(selector: (state: SessionState) => T): T {
  return useStore(useDesignIo().session.state, selector);
}

/** Selects from the io interface's state (dialog, progress, drag). */
export function useIoInterface<T>(selector: (state: IoInterfaceState) => T): T {
  return useStore(useDesignIo().ui.state, selector);
}
