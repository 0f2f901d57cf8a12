import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  // Relative asset URLs: dist/ works from any static host under any base path.
  base: './',
  plugins: [react()],
});
