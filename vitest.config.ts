import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 15000,
    hookTimeout: 15000,
    // Test files share each worker's module cache instead of re-importing discord.js, Bolt and the
    // core for every file: on 2 cores that cut the suite from about 80 s to 30 s under load. So a
    // test file must leave no global state behind (no module mocks; restore any listener, timer or
    // environment variable it changes). The suite passes with the files in any order
    // (`npx vitest run --sequence.shuffle.files`).
    isolate: false,
    // Two workers even on 2 cores (vitest's default there is one): much of the suite waits on
    // sockets, timers and child processes, so a second worker fills that idle time. Measured in
    // bench/suite.ts, interleaved with one worker on the same machine.
    maxWorkers: 2,
  },
});
