// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSailplanStore, SailplanStoreProvider } from '../store';
import seed from '../../examples/seed-ingress.yaml?raw';
import { DesignReadingStatus, describeReading } from './DesignReadingStatus';

function service(name: string): string {
  return `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n  - name: http\n    port: 80\n`;
}

afterEach(cleanup);

describe('the reading status of a large design', () => {
  it('says how many documents have been read, in words a reader can follow', () => {
    expect(describeReading({ version: 2, stage: 'parsing', parsed: 2300, total: 5061 })).toBe(
      'Reading the design: 2,300 of 5,061 documents',
    );
    expect(describeReading({ version: 2, stage: 'parsing', parsed: 0, total: 0 })).toBe(
      'Reading the design…',
    );
    expect(describeReading({ version: 2, stage: 'checking', parsed: 5061, total: 5061 })).toBe(
      'Checking the design: 5,061 documents read',
    );
  });

  it('given a large paste, then a status with a progress bar shows while it is read, and goes once it is drawn', async () => {
    // Small limits stand for the app's: this text is read by the (in place) derive worker.
    const store = createSailplanStore({
      text: seed,
      largeDesign: { checkFrom: 4 * 1024, drawnUpTo: 64 * 1024 },
    });
    render(
      <SailplanStoreProvider store={store}>
        <DesignReadingStatus />
      </SailplanStoreProvider>,
    );
    expect(screen.queryByRole('status')).toBeNull();
    let large = seed;
    for (let index = 0; large.length < 8 * 1024; index += 1) large += service(`padding-${index}`);
    store.getState().replaceText(large);
    const status = await screen.findByRole('status');
    expect(status.textContent).toMatch(/^(Reading|Checking) the design/);
    expect(screen.getByRole('progressbar', { name: 'Reading the design' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(store.getState().derived.topology.byId.has('Service/default/padding-0')).toBe(true);
  });
});
