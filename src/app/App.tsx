import { useEffect, useState } from 'react';
import { SailplanStoreProvider } from '../store';
import { DesignReadingStatus } from '../ui/DesignReadingStatus';
import { Shell } from '../ui/Shell';
import { DesignIoProvider, IoLayer, startDesignIo, type DesignIo } from '../ui/io';
import seedDesign from '../../examples/seed-ingress.yaml?raw';
import seedTests from '../../examples/seed-ingress.tests.yaml?raw';
import seedRequest from '../../examples/seed-ingress.request.json?raw';

// Started once per page: the design restored from local storage, a share link, or the seed.
let starting: Promise<DesignIo> | undefined;
function startOnce(): Promise<DesignIo> {
  starting ??= startDesignIo({ text: seedDesign, tests: seedTests, requestJson: seedRequest });
  return starting;
}

/**
 * The composition root: the design session (its store, autosave and ways in and out), given to
 * the shell, with the io layer (dialogs, notices, drops, pastes) beside it.
 */
export function App() {
  const [io, setIo] = useState<DesignIo | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    startOnce().then(
      (started) => {
        if (live) setIo(started);
      },
      (error: unknown) => {
        if (live) setFailure(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (failure !== null) {
    return (
      <div className="app-loading" role="alert">
        Sailplan could not start: {failure}
      </div>
    );
  }
  if (io === null) {
    return (
      <div className="app-loading" role="status">
        Opening your design…
      </div>
    );
  }
  return (
    <SailplanStoreProvider store={io.store}>
      <DesignIoProvider io={io}>
        <Shell />
        <DesignReadingStatus />
        <IoLayer />
      </DesignIoProvider>
    </SailplanStoreProvider>
  );
}
