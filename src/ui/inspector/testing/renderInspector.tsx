import { render, screen } from '@testing-library/react';
import { createSailplanStore, SailplanStoreProvider, type SailplanStore } from '../../../store';
import { Inspector } from '../Inspector';

/** The inspector over a real store holding `text`, with `id` selected as the canvas would. */
export function renderInspector(
  id: string | null,
  text: string,
): { store: SailplanStore; panel: HTMLElement } {
  const store = createSailplanStore({ text });
  if (id !== null) store.getState().select({ id, origin: 'canvas' });
  render(
    <SailplanStoreProvider store={store}>
      <Inspector />
    </SailplanStoreProvider>,
  );
  return { store, panel: screen.getByRole('complementary', { name: 'Inspector' }) };
}
