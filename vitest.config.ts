import { defineConfig } from 'vitest/config';

// Unit, SQL and integration tests. Browser tests have their own config (test/browser/).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    globalSetup: ['test/helpers/run-tmpdir.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { TZ: 'Asia/Shanghai' },
  },
});
