// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

/** A pane's content that fails while `broken.now` is true (as a render on bad data would). */
function Fragile({ broken }: { readonly broken: { now: boolean } }) {
  if (broken.now) throw new Error('Cannot read properties of undefined (reading "nodes")');
  return <p>Canvas drawn</p>;
}

/** A pane that keeps working: a counter the user can still click. */
function Counter() {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount(count + 1)}>
      Clicked {count} times
    </button>
  );
}

describe('ErrorBoundary', () => {
  afterEach(cleanup);

  it('keeps a crash in one pane: the pane says so, the others keep working, and Try again recovers it', () => {
    // React and the boundary report the crash on the console; it is the expected output here.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = { now: true };
    render(
      <>
        <section aria-label="Canvas">
          <ErrorBoundary area="Canvas">
            <Fragile broken={broken} />
          </ErrorBoundary>
        </section>
        <section aria-label="YAML">
          <ErrorBoundary area="YAML">
            <Counter />
          </ErrorBoundary>
        </section>
      </>,
    );
    const canvas = screen.getByRole('region', { name: 'Canvas' });
    const alert = within(canvas).getByRole('alert');
    expect(alert).toHaveTextContent('The canvas pane stopped working.');
    expect(alert).toHaveTextContent('Your design is safe; the other panes still work.');
    expect(alert).toHaveTextContent('Cannot read properties of undefined (reading "nodes")');
    expect(logged).toHaveBeenCalledWith(
      'Sailplan: the Canvas pane failed',
      expect.any(Error),
      expect.any(String),
    );

    // The editor pane next to it still answers.
    const editor = screen.getByRole('region', { name: 'YAML' });
    fireEvent.click(within(editor).getByRole('button', { name: 'Clicked 0 times' }));
    expect(within(editor).getByRole('button', { name: 'Clicked 1 times' })).toBeVisible();

    // Once the cause is gone, Try again draws the pane again.
    broken.now = false;
    act(() => fireEvent.click(within(canvas).getByRole('button', { name: 'Try again' })));
    expect(within(canvas).queryByRole('alert')).toBeNull();
    expect(within(canvas).getByText('Canvas drawn')).toBeVisible();
    expect(within(editor).getByRole('button', { name: 'Clicked 1 times' })).toBeVisible();
    logged.mockRestore();
  });

  it('given the pane fails again, then Try again shows the message again instead of a blank page', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary area="Panels">
        <Fragile broken={{ now: true }} />
      </ErrorBoundary>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The panels pane stopped working.');
    logged.mockRestore();
  });
});
