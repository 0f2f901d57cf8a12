import { useState } from 'react';
import { createSailplanStore, SailplanStoreProvider } from '../store';
import { Shell } from '../ui/Shell';
import seedDesign from '../../examples/seed-ingress.yaml?raw';

/** The composition root: one store for the session, given to the shell. */
export function App() {
  const [store] = useState(() => createSailplanStore({ text: seedDesign }));
  return (
    <SailplanStoreProvider store={store}>
      <Shell />
    </SailplanStoreProvider>
  );
}
