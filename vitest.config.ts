import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that wait on bot processes they start (three instances on Postgres; `npm start`
 * stopped and started again; `npm start` twice), longest first. They go first, one per worker,
 * so the rest of the suite runs beside them instead of after them. Vitest orders by the last
 * run's durations when it has them, and by file size otherwise (after `npm ci`, as in CI), which
 * put these small files last and made the suite that much longer.
 */
const STARTS_PROCESSES = ['test/ops/instances.test.ts', 'test/cli/shutdown.test.ts', 'test/cli/start.test.ts'];

class ProcessesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = STARTS_PROCESSES.findIndex((path) => f.moduleId.endsWith(path));
      return i < 0 ? STARTS_PROCESSES.length : i;
    };
    // Array.prototype.sort is stable: the others keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: ProcessesFirst },
  },
});
