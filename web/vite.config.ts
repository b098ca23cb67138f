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

const vendorGroups: [string, RegExp][] = [
  ['echarts', /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/],
  ['react', /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/],
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
          groups: vendorGroups.map(([name, test]) => ({ name, test })),
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:18090' } },
});

export { config as default };
