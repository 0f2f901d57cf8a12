// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSailplanStore,
  nextPaint,
  SailplanStoreProvider,
  type SailplanStore,
} from '../../store';
import seed from '../../../examples/seed-ingress.yaml?raw';
import { Inspector } from './Inspector';

const GATEWAY = 'Gateway/istio-system/default-gateway';
const VIRTUAL_SERVICE = 'VirtualService/default/proxy';
const SERVICE = 'Service/default/proxy';

/** The inspector over a real store holding `text`, with `id` selected as the canvas would. */
function renderInspector(
  id: string | null,
  text = seed,
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

/** Waits for the paint after a gesture: the store then derives the design, and the panel shows it. */
async function painted(): Promise<void> {
  await act(nextPaint);
}

/** Types into a field and presses Enter, the way a user commits a text field. */
function typeAndEnter(input: HTMLElement, value: string): void {
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

/** The seed with a second http rule (named `canary`) before its catch-all. */
const twoRules = seed.replace(
  '  http:\n  - route:',
  '  http:\n  - name: canary\n    match:\n    - uri:\n        prefix: /beta\n    route:\n    - destination:\n        host: proxy\n  - route:',
);

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// Each commit plans, applies and analyses the design before writing: slow on a loaded machine.
describe('the inspector', { timeout: 20_000 }, () => {
  it('given a selected resource, when an edit takes it out of the design, then the panel says so and lists what is left', async () => {
    const { store, panel } = renderInspector(SERVICE);
    expect(within(panel).queryByRole('status')).toBeNull();
    // when the Service's document goes from the text
    const start = seed.indexOf('apiVersion: v1\nkind: Service\nmetadata:\n  name: proxy');
    expect(start).toBeGreaterThan(0);
    act(() => store.getState().replaceText(seed.slice(0, start)));
    await painted();
    // then the panel says the selection is gone and offers the resources left to select
    expect(within(panel).getByRole('status').textContent).toBe(
      'The selected item is no longer in the design.',
    );
    const left = within(panel).getByRole('list', { name: 'Resources' });
    expect(
      within(left).getByRole('button', { name: 'VirtualService default/proxy' }),
    ).toBeDefined();
    expect(within(left).queryByRole('button', { name: 'Service default/proxy' })).toBeNull();
  });

  it('commits a text field once, on blur, as one intent and one undo step', () => {
    // given the VirtualService selected on the canvas
    const { store, panel } = renderInspector(VIRTUAL_SERVICE);
    const before = store.getState().text;
    const host = within(panel).getByRole('textbox', { name: 'Host 1' });
    // when the user types a host, key by key
    fireEvent.focus(host);
    fireEvent.change(host, { target: { value: 'shop' } });
    fireEvent.change(host, { target: { value: 'shop.example.com' } });
    // then nothing is written while typing
    expect(store.getState().text).toBe(before);
    // and leaving the field writes exactly that scalar
    fireEvent.blur(host);
    expect(store.getState().text).toBe(
      before.replace('  hosts:\n  - "*"', '  hosts:\n  - "shop.example.com"'),
    );
    // one undo puts the text back byte for byte
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
    expect(store.getState().canUndo).toBe(false);
  });

  it('keeps the focus in a list item committed with Enter', () => {
    // given the VirtualService's hosts
    const { store, panel } = renderInspector(VIRTUAL_SERVICE);
    const host = within(panel).getByRole('textbox', { name: 'Host 1' });
    host.focus();
    // when a host is changed with Enter
    typeAndEnter(host, 'shop.example.com');
    // then it is written and the same input, still focused, shows it
    expect(store.getState().text).toContain('  - "shop.example.com"\n');
    expect(document.activeElement).toBe(within(panel).getByRole('textbox', { name: 'Host 1' }));
    expect(document.activeElement).toHaveValue('shop.example.com');
  });

  it('puts the committed value back on Escape without writing anything', () => {
    // given the Gateway's first server
    const { store, panel } = renderInspector(GATEWAY);
    const before = store.getState().text;
    const port = within(panel).getByRole('textbox', { name: 'Server 1 Port' });
    // when the user types a port and then presses Escape
    fireEvent.focus(port);
    fireEvent.change(port, { target: { value: '8080' } });
    fireEvent.keyDown(port, { key: 'Escape' });
    // then the field shows the written port again and the text is unchanged
    expect(port).toHaveValue('80');
    fireEvent.blur(port);
    expect(store.getState().text).toBe(before);
  });

  it('refuses a port out of 1..65535 inline and keeps what was typed', () => {
    // given the Gateway's first server
    const { store, panel } = renderInspector(GATEWAY);
    const before = store.getState().text;
    const port = within(panel).getByRole('textbox', { name: 'Server 1 Port' });
    // when the user commits port 70000
    typeAndEnter(port, '70000');
    // then the field says why, is marked invalid, keeps the text, and nothing is written
    // (in Istio's words: the webhook's ValidatePort, exported by the engine)
    expect(within(panel).getByRole('alert')).toHaveTextContent(
      'port number 70000 must be in the range 1..65535',
    );
    expect(port).toHaveAttribute('aria-invalid', 'true');
    expect(port).toHaveAccessibleDescription(/port number 70000 must be in the range 1\.\.65535/);
    expect(port).toHaveValue('70000');
    expect(store.getState().text).toBe(before);
    // and a valid port is then written in place
    typeAndEnter(port, '8080');
    expect(store.getState().text).toBe(
      before.replace('      number: 80\n', '      number: 8080\n'),
    );
    expect(port).not.toHaveAttribute('aria-invalid');
  });

  it('refuses a URI regex that does not compile as RE2, with the webhook message', async () => {
    // given a rule matching /beta by prefix
    const { store, panel } = renderInspector(`${VIRTUAL_SERVICE}#http/0`, twoRules);
    const before = store.getState().text;
    const condition = within(panel).getByRole('group', { name: 'Condition 1' });
    // when the user makes it a regex with a lookahead, which JavaScript accepts and RE2 does not
    fireEvent.change(
      within(condition).getByRole('combobox', { name: 'Condition 1 URI match type' }),
      {
        target: { value: 'regex' },
      },
    );
    expect(store.getState().text).toBe(before.replace('prefix: /beta', 'regex: /beta'));
    await painted();
    typeAndEnter(
      within(condition).getByRole('textbox', { name: 'Condition 1 URI value' }),
      '/(?=beta)',
    );
    // then the inspector says why, in Istio's words, and the text keeps the valid regex
    expect(within(condition).getByRole('alert')).toHaveTextContent(/RE2/);
    expect(store.getState().text).toBe(before.replace('prefix: /beta', 'regex: /beta'));
  });

  it('adds a header condition whole, as one intent, where the YAML shows it', async () => {
    // given the seed's only rule, which has no conditions
    const { store, panel } = renderInspector(`${VIRTUAL_SERVICE}#http/0`);
    const start = store.getState().text;
    expect(
      within(panel).getByText('No conditions: this rule matches every request.'),
    ).toBeVisible();
    // when the user adds a condition and a header to it
    fireEvent.click(within(panel).getByRole('button', { name: 'Add condition' }));
    const withCondition = store.getState().text;
    expect(withCondition).toBe(
      start.replace(
        '  - route:\n    - destination:\n        host: proxy\n---',
        '  - match:\n    - uri:\n        prefix: /\n    route:\n    - destination:\n        host: proxy\n---',
      ),
    );
    await painted();
    const condition = within(panel).getByRole('group', { name: 'Condition 1' });
    fireEvent.change(
      within(condition).getByRole('textbox', { name: 'Condition 1 New header name' }),
      {
        target: { value: 'x-canary' },
      },
    );
    fireEvent.change(
      within(condition).getByRole('textbox', { name: 'Condition 1 New header value' }),
      {
        target: { value: 'beta' },
      },
    );
    fireEvent.click(
      within(condition).getByRole('button', { name: 'Condition 1 Add header match' }),
    );
    await painted();
    // then exactly the header lines are inserted into the condition
    expect(store.getState().text).toBe(
      withCondition.replace(
        '    - uri:\n        prefix: /\n',
        '    - uri:\n        prefix: /\n      headers:\n        x-canary:\n          exact: beta\n',
      ),
    );
    expect(
      within(condition).getByRole('textbox', { name: 'Condition 1 Header x-canary value' }),
    ).toHaveValue('beta');
    // and the add row is empty again, and one undo takes the header away
    expect(
      within(condition).getByRole('textbox', { name: 'Condition 1 New header name' }),
    ).toHaveValue('');
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(withCondition);
  });

  it('changes a weight with route.setWeight: the others are rebalanced and the shares shown', async () => {
    // given a rule split 50/50 between two destinations
    const { store, panel } = renderInspector(`${VIRTUAL_SERVICE}#http/0`);
    // (a host field offers the design's hosts: an input with suggestions is a combobox)
    fireEvent.change(within(panel).getByRole('combobox', { name: 'New destination host' }), {
      target: { value: 'proxy-canary' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add destination' }));
    await painted();
    const split = store.getState().text;
    expect(split).toContain('host: proxy\n      weight: 50\n');
    expect(split).toContain('host: proxy-canary\n      weight: 50\n');
    // when the first destination's weight is set to 80
    const first = within(panel).getByRole('group', { name: /^Destination 1/ });
    typeAndEnter(within(first).getByRole('textbox', { name: 'Destination 1 Weight' }), '80');
    await painted();
    // then both weights are rewritten in place (total stays 100) in one undo step
    expect(store.getState().text).toBe(
      split.replace('weight: 50\n', 'weight: 80\n').replace('weight: 50\n', 'weight: 20\n'),
    );
    expect(within(first).getByText('= 80%')).toBeVisible();
    expect(within(panel).getByRole('group', { name: /^Destination 2/ })).toHaveTextContent('20%');
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(split);
  });

  it('reorders rules with the move buttons; the focus follows the moved rule', async () => {
    // given a VirtualService with the canary rule first
    const { store, panel } = renderInspector(VIRTUAL_SERVICE, twoRules);
    const before = store.getState().text;
    expect(within(panel).getByText('First match wins', { exact: false })).toBeVisible();
    // when the canary rule is moved down with its button
    const down = within(panel).getByRole('button', { name: 'Move canary down' });
    down.focus();
    fireEvent.click(down);
    await painted();
    // then it is the second rule in the YAML and in the list, and the panel still shows the
    // VirtualService
    const text = store.getState().text;
    expect(text.indexOf('- name: canary')).toBeGreaterThan(text.indexOf('  - route:'));
    const rules = within(panel).getByRole('list', { name: 'HTTP rules in match order' });
    expect(
      within(rules)
        .getAllByRole('button', { name: /^Edit / })
        .map((b) => b.textContent),
    ).toEqual([expect.stringContaining('rule 0'), expect.stringContaining('canary')]);
    expect(store.getState().selection?.id).toBe(VIRTUAL_SERVICE);
    // and the focus is on the canary's "up" button at its new place (down is disabled there)
    expect(document.activeElement).toBe(
      within(panel).getByRole('button', { name: 'Move canary up' }),
    );
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
  });

  it('moves the selected rule up from the rule panel and keeps it selected', async () => {
    // given the catch-all rule (second) selected
    const { store, panel } = renderInspector(`${VIRTUAL_SERVICE}#http/1`, twoRules);
    // when it is moved up
    fireEvent.click(within(panel).getByRole('button', { name: 'Move rule 1 up' }));
    await painted();
    // then the selection follows it to its new place
    expect(store.getState().selection?.id).toBe(`${VIRTUAL_SERVICE}#http/0`);
    expect(within(panel).getByText('1 of 2')).toBeVisible();
  });

  it('renames a Gateway: references follow, the node keeps its place and the field its focus', async () => {
    // given the Gateway placed on the canvas
    const { store, panel } = renderInspector(GATEWAY);
    act(() => store.getState().setPositions({ [GATEWAY]: { x: 40, y: 80 } }));
    const before = store.getState().text;
    const name = within(panel).getByRole('textbox', { name: 'Name' });
    name.focus();
    // when it is renamed with Enter
    typeAndEnter(name, 'public-gateway');
    await painted();
    // then its name and the VirtualService's gateways entry change, nothing else
    expect(store.getState().text).toBe(
      before
        .replace('  name: default-gateway\n', '  name: public-gateway\n')
        .replace('- istio-system/default-gateway', '- istio-system/public-gateway'),
    );
    const renamed = 'Gateway/istio-system/public-gateway';
    expect(store.getState().selection?.id).toBe(renamed);
    expect(store.getState().positions).toEqual({ [renamed]: { x: 40, y: 80 } });
    expect(within(panel).getByRole('textbox', { name: 'Name' })).toBe(document.activeElement);
    // and one undo restores the text
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
  });

  it('says why a rename is refused, in the field', () => {
    // given the VirtualService
    const { store, panel } = renderInspector(VIRTUAL_SERVICE);
    const before = store.getState().text;
    // when it gets a name that is not a DNS label
    typeAndEnter(within(panel).getByRole('textbox', { name: 'Name' }), 'Not_A_Name');
    // then the field shows the planner's reason and the text is unchanged
    expect(within(panel).getByRole('alert')).not.toBeEmptyDOMElement();
    expect(store.getState().text).toBe(before);
  });

  it('confirms a delete in a modal listing what else changes; Escape cancels', () => {
    // given the proxy Service selected
    const { store, panel } = renderInspector(SERVICE);
    const before = store.getState().text;
    const deleteButton = within(panel).getByRole('button', {
      name: 'Delete Service default/proxy…',
    });
    deleteButton.focus();
    // when Delete is pressed
    fireEvent.click(deleteButton);
    // then a modal dialog lists the VirtualService that goes with it (all its routes went to the
    // Service), Cancel focused
    const dialog = screen.getByRole('dialog', { name: 'Delete Service default/proxy?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    const effects = within(dialog).getByRole('list', { name: 'What else changes' });
    expect(effects).toHaveTextContent('VirtualService default/proxy');
    expect(effects).toHaveTextContent(
      /Deleted too: every route it has goes only to Service default\/proxy/,
    );
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    // and Tab stays inside the dialog
    const confirm = within(dialog).getByRole('button', { name: 'Delete' });
    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    // when Escape is pressed, the dialog closes, nothing is deleted, and focus returns
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().text).toBe(before);
    expect(document.activeElement).toBe(deleteButton);
  });

  it('deletes the Service and its routes on confirmation, as one undo step', async () => {
    // given the delete dialog for the proxy Service
    const { store, panel } = renderInspector(SERVICE);
    const before = store.getState().text;
    const deleteButton = within(panel).getByRole('button', {
      name: 'Delete Service default/proxy…',
    });
    deleteButton.focus();
    fireEvent.click(deleteButton);
    // when it is confirmed
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await painted();
    // then the Service is gone, and so is the VirtualService whose every route went only to it
    // (Istio rejects a VirtualService without routes; no `http: []` is left), nothing selected
    const model = store.getState().derived.design.model;
    expect(model.byKey.has(SERVICE)).toBe(false);
    expect(model.byKey.has(VIRTUAL_SERVICE)).toBe(false);
    expect(model.byKey.has(GATEWAY)).toBe(true);
    expect(store.getState().text).not.toContain('http: []');
    expect(store.getState().text).not.toContain('host: proxy');
    expect(store.getState().selection).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
    // (the button that opened the dialog went with the Service: the focus lands on the panel)
    expect(document.activeElement).toBe(panel);
    // and one undo brings all of it back
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
  });

  it('asks before the last destination of a rule goes, saying the rule goes with it', () => {
    // given the canary rule, which routes only to proxy, before the catch-all
    const { store, panel } = renderInspector(`${VIRTUAL_SERVICE}#http/0`, twoRules);
    const before = store.getState().text;
    // when its only destination is removed
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove destination 1' }));
    // then nothing is written yet: the dialog says the rule is removed with it
    const dialog = screen.getByRole('dialog', {
      name: 'Delete the route to proxy of canary of VirtualService default/proxy?',
    });
    expect(store.getState().text).toBe(before);
    expect(within(dialog).getByRole('list', { name: 'What else changes' })).toHaveTextContent(
      /Rule "canary" routed only to proxy, so it is removed with it/,
    );
    // and confirming removes the whole rule, never leaving `route: []`
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(store.getState().text).toBe(seed);
  });

  it('refuses to remove the only destination of the only rule, naming what to do', () => {
    // given the seed's one rule with its one destination
    const { store, panel } = renderInspector(`${VIRTUAL_SERVICE}#http/0`);
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove destination 1' }));
    // then the dialog refuses, with what to do instead, and there is nothing to confirm
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(/delete VirtualService default\/proxy instead/);
    expect(within(dialog).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(store.getState().text).toBe(seed);
  });

  it('opens the confirmation for a delete asked by the canvas (requestDelete)', () => {
    // given the inspector with nothing selected
    const { store } = renderInspector(null);
    // when the canvas asks to delete the Gateway (its Delete key)
    act(() => store.getState().requestDelete(GATEWAY));
    // then the dialog says the VirtualService loses its only gateway
    const dialog = screen.getByRole('dialog', {
      name: 'Delete Gateway istio-system/default-gateway?',
    });
    expect(dialog).toHaveTextContent(/applies to sidecars \(mesh\) only/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(store.getState().deleteRequest).toBeNull();
  });

  it('shows the analyzer’s diagnostics beside the field they are about', () => {
    // given a server whose TLS has no mode (PASSTHROUGH with a certificate that is ignored)
    const text = seed.replace(
      '      protocol: HTTP\n',
      '      protocol: HTTPS\n    tls:\n      credentialName: shop-cert\n',
    );
    const { panel } = renderInspector(GATEWAY, text);
    // then the TLS mode says it is PASSTHROUGH, with the reason
    const mode = within(panel).getByRole('combobox', { name: 'Server 1 TLS mode' });
    expect(mode).toHaveDisplayValue('PASSTHROUGH (mode not written)');
    expect(mode).toHaveAccessibleDescription(/http routes and the certificate are ignored/);
  });

  it('gives every control an accessible name', () => {
    // given each panel in turn
    for (const id of [GATEWAY, VIRTUAL_SERVICE, `${VIRTUAL_SERVICE}#http/0`, SERVICE]) {
      const { panel } = renderInspector(id, twoRules);
      // then every input, select and button has a name
      for (const role of ['textbox', 'combobox', 'button', 'checkbox'] as const) {
        const all = within(panel).queryAllByRole(role);
        const named = within(panel).queryAllByRole(role, { name: /\S/ });
        expect(named, `${role}s without a name in ${id}`).toEqual(all);
      }
      cleanup();
    }
  });

  it('starts folded with nothing selected, opens on the first selection, and keeps the user’s choice', () => {
    // given a new user: nothing selected, no choice made
    const { store, panel } = renderInspector(null);
    expect(within(panel).getByRole('button', { name: 'Expand the inspector' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    // when something is selected, the inspector opens, and stays open once it is deselected
    act(() => store.getState().select({ id: GATEWAY, origin: 'canvas' }));
    expect(within(panel).getAllByRole('textbox').length).toBeGreaterThan(0);
    act(() => store.getState().select(null));
    expect(within(panel).getByRole('list', { name: 'Resources' })).toBeVisible();
    // when the user folds it, a later selection leaves it folded, and so does the next start
    fireEvent.click(within(panel).getByRole('button', { name: 'Collapse the inspector' }));
    act(() => store.getState().select({ id: SERVICE, origin: 'canvas' }));
    expect(within(panel).queryByRole('textbox')).toBeNull();
    cleanup();
    const again = renderInspector(SERVICE);
    expect(within(again.panel).getByRole('button', { name: 'Expand the inspector' })).toBeVisible();
  });

  it('collapses to a rail and back, with the toggle named for what it does', () => {
    // given the inspector open
    const { panel } = renderInspector(GATEWAY);
    const collapse = within(panel).getByRole('button', { name: 'Collapse the inspector' });
    expect(collapse).toHaveAttribute('aria-expanded', 'true');
    // when it is collapsed, the form goes and the toggle expands it again
    fireEvent.click(collapse);
    expect(within(panel).queryByRole('textbox')).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Expand the inspector' }));
    expect(within(panel).getAllByRole('textbox').length).toBeGreaterThan(0);
  });
});
