import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // Playwright specs live in e2e/ and must not be collected here.
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['./src/testSetup.ts'],
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/unit-results.json' }]]
      : ['default'],
  },
});
