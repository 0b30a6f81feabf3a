import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Components use the automatic JSX runtime, as Next compiles them.
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Integration and browser tests start real servers; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // Browser and integration suites each start servers on port 0; files in parallel would fight for 2 cores.
    fileParallelism: false,
  },
});
