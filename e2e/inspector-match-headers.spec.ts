import { expect, test } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { CanvasPane } from './fixtures/canvas';
import { findRegexInEditor, InspectorPanel } from './fixtures/inspector';

/** A VirtualService with an http split and a tls rule, and the Services they route to. */
const DESIGN = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: shop
  namespace: shop
spec:
  hosts:
  - api
  - "*.db.example.com"
  http:
  - name: api
    route:
    - destination:
        host: api
      weight: 90
    - destination:
        host: api-canary
      weight: 10 # canary
  tls:
  - match:
    - sniHosts: [orders.db.example.com]
      port: 9443
    route:
    - destination:
        host: orders-db
---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector: {app: api}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: api-canary
  namespace: shop
spec:
  selector: {app: api-canary}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: orders-db
  namespace: shop
spec:
  selector: {app: orders-db}
  ports: [{name: tls, port: 9443}]
`;

test.describe('the inspector’s conditions and header operations', () => {
  let app: SailplanApp;
  let inspector: InspectorPanel;

  test.beforeEach(async ({ page }) => {
    app = new SailplanApp(page);
    inspector = new InspectorPanel(app);
    await app.open();
    await new CanvasPane(app).loadDesign(DESIGN);
    await expect(app.node('VirtualService shop/shop')).toBeVisible();
  });

  test('a user strips a header from the canary’s responses only, then takes it back', async ({
    page,
  }) => {
    await inspector.selectPart('VirtualService shop/shop', 'api');
    const canary = inspector.card('Destination 2 10% of traffic');
    await canary.getByText('Headers of destination 2').click();
    const remove = canary.getByRole('group', { name: 'Response: remove (destination 2)' });
    const input = remove.getByRole('textbox', {
      name: 'New destination 2 response header to remove',
    });
    const add = remove.getByRole('button', { name: 'Add destination 2 response header to remove' });

    // The Host header cannot be removed: the webhook's words, and what was typed stays.
    await input.fill('host');
    await add.click();
    await expect(remove.getByRole('alert')).toHaveText(
      'invalid header "host": cannot set Host header',
    );
    await expect(input).toHaveValue('host');

    await input.fill('x-internal');
    await add.click();
    await expect(
      remove.getByRole('textbox', { name: 'Destination 2 response header to remove 1' }),
    ).toHaveValue('x-internal');
    // Written on that destination, after its weight and comment; the stable one is untouched.
    expect(
      await findRegexInEditor(
        app,
        'weight: 10 # canary\\n\\s+headers:\\n\\s+response:\\n\\s+remove:\\n\\s+- x-internal',
      ),
    ).toBe('1 of 1');
    expect(await app.findInEditor('headers:')).toBe('1 of 1');

    await page.getByRole('button', { name: 'Undo' }).click();
    expect(await app.findInEditor('x-internal')).toBe('No results');
  });

  test('a user limits a tls rule to a destination subnet, after a refused one', async () => {
    await inspector.selectPart('VirtualService shop/shop', 'tls rule 0');
    const condition = inspector.card('Condition 1');
    await condition.getByText('More conditions').click();
    const subnets = condition.getByRole('group', { name: 'Destination subnets' });
    const input = subnets.getByRole('textbox', { name: 'Condition 1 New destination subnet' });
    const add = subnets.getByRole('button', { name: 'Condition 1 Add destination subnet' });

    await input.fill('10.0.0.0/33');
    await add.click();
    await expect(subnets.getByRole('alert')).toHaveText('10.0.0.0/33 is not a valid CIDR block');
    await expect(input).toHaveValue('10.0.0.0/33');

    await input.fill('10.0.0.0/8');
    await add.click();
    await expect(
      subnets.getByRole('textbox', { name: 'Condition 1 Destination subnet 1' }),
    ).toHaveValue('10.0.0.0/8');
    // Between the SNI hosts and the port, where the API declares it.
    expect(
      await findRegexInEditor(
        app,
        'sniHosts: \\[orders.db.example.com\\]\\n\\s+destinationSubnets:\\n\\s+- 10.0.0.0/8\\n\\s+port: 9443',
      ),
    ).toBe('1 of 1');
  });
});
