import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built app, directive by directive, each allowance with its
 * reason. Everything the app runs is its own bundle: no CDN, no inline script, no eval, so a design
 * that smuggles markup into the page still cannot run code.
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  // Only the bundle's own module scripts: no inline scripts, no eval, no other origin.
  'script-src': ["'self'"],
  // Monaco's and React Flow's and the layout's workers are bundled files of the app's origin.
  'worker-src': ["'self'"],
  // Monaco cannot run without inline styles: it writes its theme and decoration rules into <style>
  // elements at run time and renders each line's HTML with style attributes (without this the
  // editor's text is invisible). CSS cannot run script, and React puts no user text into styles.
  'style-src': ["'self'", "'unsafe-inline'"],
  // Monaco's stylesheet draws small patterns from data: images, and the diagram export draws the
  // canvas into a data: SVG image before it becomes a PNG.
  'img-src': ["'self'", 'data:'],
  // Monaco's icon font is a bundled file.
  'font-src': ["'self'"],
  // Nothing is sent anywhere: fetch only reaches the app's own files.
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  // No <base> may redirect the bundle's relative URLs, and no form posts anywhere.
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** The policy as the header's or meta element's value. */
export function contentSecurityPolicy(): string {
  return Object.entries(CONTENT_SECURITY_POLICY)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Puts the policy into the built index.html as its first `<meta http-equiv>`, before any script or
 * stylesheet it governs. Only in builds: Vite's dev server injects inline scripts (its client and
 * React's refresh preamble) that a strict policy would block. `frame-ancestors` cannot be set
 * from a meta element; a host that serves the app should send it as a header.
 */
export function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: 'sailplan:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
