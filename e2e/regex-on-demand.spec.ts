import { deflateSync, strToU8 } from 'fflate';
import { expect, test } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { BottomPanels } from './fixtures/panels';

// RE2 (re2js) loads after the first paint. A design that needs it from the start still gets every
// regex checked and evaluated: the app waits for RE2 before it derives such a design.
const design = [
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: web, namespace: shop}',
  'spec:',
  '  ports: [{name: http, port: 80}]',
  '---',
  'apiVersion: networking.istio.io/v1',
  'kind: VirtualService',
  'metadata: {name: web, namespace: shop}',
  'spec:',
  '  hosts: [web]',
  '  http:',
  '  - match: [{uri: {regex: "/users/("}}]',
  '    route: [{destination: {host: web}}]',
  '',
].join('\n');

function shareFragment(text: string): string {
  const document = { v: 1, text, tests: '', positions: {}, request: { url: '' } };
  return Buffer.from(deflateSync(strToU8(JSON.stringify(document)))).toString('base64url');
}

test('a shared design with a regex opened at start-up has its regex checked with RE2', async ({
  page,
}) => {
  await page.goto(`./#s=${shareFragment(design)}`);
  const app = new SailplanApp(page);
  await expect(app.node('VirtualService shop/web')).toBeVisible();

  const problems = await new BottomPanels(page).openTab('Problems');
  const list = problems.getByRole('list', { name: 'Problems' });
  await expect(
    list.getByRole('button', { name: /^error: IST0106 VirtualService shop\/web/ }),
  ).toContainText('missing closing )');
});
