// Component tests opt into jsdom with a `// @vitest-environment jsdom` comment; this adds the DOM
// matchers there and does nothing in the engine's node environment.
if (typeof document !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
}
