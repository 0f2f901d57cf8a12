import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { DesignFiles } from './fixtures/designFiles';

// dist/ must work from any static host under any base path: the build Playwright serves is served
// again here by a plain file server under /some/path/, with nothing rewritten.
const BASE = '/some/path/';
const distribution = resolve(`node_modules/.e2e-dist/${process.env.E2E_PORT ?? ''}`);

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

let server: Server;
let origin = '';
const missing: string[] = [];

test.beforeAll(async () => {
  expect(existsSync(join(distribution, 'index.html')), distribution).toBe(true);
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    if (!path.startsWith(BASE)) {
      missing.push(path);
      response.writeHead(404).end();
      return;
    }
    const relative = normalize(path.slice(BASE.length) || 'index.html');
    const file = join(distribution, relative);
    if (!file.startsWith(distribution) || !existsSync(file) || !statSync(file).isFile()) {
      missing.push(path);
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
});

test.afterAll(async () => {
  await new Promise((closed) => server.close(closed));
});

test('the build works from a static host under a sub-path: editor, workers, examples, imports', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  await page.goto(`${origin}${BASE}`);
  await expect(page.getByRole('banner')).toContainText('Sailplan');
  await expect(app.node('Gateway istio-system/default-gateway')).toBeVisible();
  // Monaco and its workers load from the sub-path.
  expect(await app.editorText()).toContain('kind: Gateway');
  // An example is a chunk of its own.
  const files = new DesignFiles(page);
  await files.choose('Examples', 'Canary split');
  await expect(app.node('VirtualService shop/storefront')).toBeVisible();
  // A file is read by the import worker, another chunk.
  await files.openFiles([
    {
      name: 'one.yaml',
      text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: one\n  namespace: shop\n',
    },
  ]);
  await files.answer('Add to the design');
  await expect(app.node('Service shop/one')).toBeVisible();
  // The diagram export loads html-to-image, one more chunk.
  const png = await files.download('Download PNG');
  expect(png.bytes.length).toBeGreaterThan(1000);
  expect(missing.filter((path) => !path.endsWith('favicon.ico'))).toEqual([]);
});
