/** The web app's build: root web/, output web/dist, one chunk per page (React.lazy) plus shared vendor chunks. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// echarts-for-react's ESM build imports tslib without declaring it; use the copy echarts itself depends on
const fromEcharts = createRequire(createRequire(import.meta.url).resolve('echarts/package.json'));
const tslib = join(dirname(fromEcharts.resolve('tslib')), 'tslib.es6.js');

// A group takes its modules' dependencies with it, so react is captured first (higher priority): echarts-for-react
// depends on react, and react in the echarts group would pull the whole echarts chunk into every page's initial load.
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 2 },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/, priority: 1 },
];

export const config = defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: { alias: { tslib } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups,
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:18090' } },
});

export { config as default };
