import { defineConfig } from 'vitest/config';

// The pinned AWS SDK supports Node 20; silence its notice about future releases, and only
// that notice (other warnings still print). Not through `test.env`: that reaches the test
// workers only, not vitest's main process, where a globalSetup (such as
// @dynatx/testing/vitest) creates its clients. Set while the config loads, the variable is
// inherited by every process of the run. A value already in the environment wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
