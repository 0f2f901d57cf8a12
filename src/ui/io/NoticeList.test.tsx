// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSailplanStore, SailplanStoreProvider, type SailplanStore } from '../../store';
import { NoticeList } from './IoLayer';

function renderNotices(): SailplanStore {
  const store = createSailplanStore({ text: '' });
  render(
    <SailplanStoreProvider store={store}>
      <NoticeList />
    </SailplanStoreProvider>,
  );
  return store;
}

const shown = () => screen.queryAllByRole('status').map((notice) => notice.textContent) as string[];

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the notices', () => {
  it('given a notice, when others keep arriving, then it still goes about 7 s after it appeared', () => {
    const store = renderNotices();
    act(() => store.getState().notify('success', 'Opened the example “Canary split”.'));
    act(() => vi.advanceTimersByTime(5000));
    act(() => store.getState().notify('info', 'Share link copied.'));
    act(() => vi.advanceTimersByTime(2500));
    expect(shown()).toEqual(['Share link copied.']);
    act(() => vi.advanceTimersByTime(5000));
    expect(shown()).toEqual([]);
  });

  it('shows at most three passing notices, the newest; errors stay until dismissed', () => {
    const store = renderNotices();
    act(() => store.getState().notify('error', 'The file could not be read.'));
    for (const name of ['a', 'b', 'c', 'd']) {
      act(() => store.getState().notify('success', `Opened ${name}.`));
    }
    expect(shown()).toEqual(['Opened b.', 'Opened c.', 'Opened d.']);
    act(() => vi.advanceTimersByTime(60_000));
    expect(shown()).toEqual([]);
    expect(screen.getByRole('alert')).toHaveTextContent('The file could not be read.');
  });
});
