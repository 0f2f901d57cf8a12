// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { ReactFlowProvider, type NodeProps } from '@xyflow/react';
import type { ComponentType } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSailplanStore, SailplanStoreProvider, type SailplanStore } from '../../store';
import { createInThreadLayoutEngine } from '../layout/layoutEngine';
import type { ResourceFlowNode } from '../model/projection';
import { CanvasStoreProvider } from '../state/canvasContext';
import { createCanvasStore } from '../state/canvasStore';
import { DESIGNS } from '../testing/designs';
import { nodeTypes } from './nodeTypes';

let stop: () => void = () => undefined;
afterEach(() => stop());

function renderNode(app: SailplanStore, id: string) {
  const canvas = createCanvasStore({ app, layout: createInThreadLayoutEngine() });
  stop = canvas.getState().connect();
  const node = app.getState().lastGood.topology.byId.get(id);
  if (node === undefined) throw new Error(`no node ${id}`);
  const Component = nodeTypes[node.type] as ComponentType<NodeProps<ResourceFlowNode>>;
  const props = {
    id,
    type: node.type,
    data: {},
    selected: false,
    isConnectable: true,
    dragging: false,
    draggable: true,
    selectable: true,
    deletable: false,
    zIndex: 0,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
  } as NodeProps<ResourceFlowNode>;
  return render(
    <SailplanStoreProvider store={app}>
      <ReactFlowProvider>
        <CanvasStoreProvider store={canvas}>
          <Component {...props} />
        </CanvasStoreProvider>
      </ReactFlowProvider>
    </SailplanStoreProvider>,
  );
}

describe('resource nodes', () => {
  it('given a Gateway, then its name, kind, namespace and a row per server are shown', () => {
    renderNode(
      createSailplanStore({ text: DESIGNS.bookinfoMesh }),
      'Gateway/bookinfo/bookinfo-gateway',
    );
    expect(screen.getByText('bookinfo-gateway')).toBeInTheDocument();
    expect(screen.getByText('Gateway')).toBeInTheDocument();
    expect(screen.getByText('bookinfo')).toBeInTheDocument();
    const servers = screen.getByRole('region', { name: 'Servers' });
    const https = within(servers).getByRole('button', { name: 'server 2' });
    expect(https).toHaveTextContent('HTTPS443bookinfo.example.comSIMPLE');
    expect(within(servers).getByRole('button', { name: 'server 1' })).toHaveTextContent('→ HTTPS');
  });

  it('given a VirtualService, then clicking a rule selects that rule from the canvas', () => {
    const app = createSailplanStore({ text: DESIGNS.bookinfoMesh });
    renderNode(app, 'VirtualService/bookinfo/reviews');
    const rules = screen.getByRole('region', { name: 'Rules' });
    expect(
      within(rules)
        .getAllByRole('button')
        .map((row) => row.getAttribute('aria-label')),
    ).toEqual(['jason', 'canary']);
    fireEvent.click(within(rules).getByRole('button', { name: 'canary' }));
    expect(app.getState().selection).toEqual({
      id: 'VirtualService/bookinfo/reviews#http/1',
      origin: 'canvas',
    });
    expect(within(rules).getByRole('button', { name: 'canary' })).toHaveAttribute(
      'aria-current',
      'true',
    );
  });

  it('given a resource with problems, then a badge counts them and lists them on hover', () => {
    // A route to a host nobody defines: the analyzer reports it on the VirtualService.
    const app = createSailplanStore({
      text: DESIGNS.seedIngress.replace('host: proxy', 'host: prxy'),
    });
    renderNode(app, 'VirtualService/default/proxy');
    const badge = screen.getByRole('img', { name: '1 problem' });
    expect(badge).toHaveTextContent('1');
    expect(badge.getAttribute('title')).toBe('IST0101: Referenced host not found: "prxy"');
  });

  it('given Istio’s default ingress assumed, then the node says it is not in the YAML', () => {
    const app = createSailplanStore({
      text: DESIGNS.seedIngress.split('---').slice(1).join('---'),
    });
    renderNode(app, 'Service/istio-system/istio-ingressgateway');
    expect(screen.getByRole('region', { name: 'Assumed' })).toHaveTextContent('not in the YAML');
    expect(document.querySelector('.sp-node--implicit')).not.toBeNull();
  });

  it('given each kind, then its node is tinted with its kind’s colour, and a missing reference connects nothing', () => {
    const app = createSailplanStore({
      text: DESIGNS.seedIngress.replace('host: proxy', 'host: prxy'),
    });
    const missing = app
      .getState()
      .lastGood.topology.nodes.find((node) => node.type === 'missing')?.id;
    if (missing === undefined) throw new Error('no missing reference');
    const tints: Record<string, string> = {
      'Service/istio-system/istio-ingressgateway': 'var(--kind-lb)',
      'Gateway/istio-system/default-gateway': 'var(--kind-gateway)',
      'VirtualService/default/proxy': 'var(--kind-virtualservice)',
      'Service/default/proxy': 'var(--kind-service)',
      [missing]: 'var(--warning)',
    };
    for (const [id, tint] of Object.entries(tints)) {
      const { container, unmount } = renderNode(app, id);
      const node = container.querySelector<HTMLElement>('.sp-node');
      expect(node?.style.getPropertyValue('--kind')).toBe(tint);
      const handles = [...container.querySelectorAll('.react-flow__handle')];
      expect(handles.some((handle) => handle.classList.contains('connectable'))).toBe(
        id !== missing,
      );
      unmount();
      stop();
    }
  });
});
