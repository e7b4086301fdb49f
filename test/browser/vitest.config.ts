import { defineConfig } from 'vitest/config';

// Browser tests: a real `astro build` (npm run test:browser builds first), served on 127.0.0.1 with
// a warehouse made by the real ingest, driven by Debian's chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    // run-tmpdir first: the browser fixture's folders are made under the run folder too
    globalSetup: ['test/helpers/run-tmpdir.ts', 'test/browser/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    env: { TZ: 'Asia/Shanghai' },
  },
});
