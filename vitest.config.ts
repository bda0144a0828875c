import { defineConfig } from 'vitest/config';
import { TEST_CACHE_DIR, TEST_DATA_DIR, TEST_TMP_DIR } from './tests/globalSetup.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Indexes of folders other than the configured corpus go to a cache folder: a private one per run.
    // It is deleted when the run ends (tests/globalSetup.ts), as is the folder of the servers' data
    // (SQLite) of the bots the tests start, and the run's temporary folder (TMPDIR), where every
    // folder a test makes with mkdtemp lands.
    env: { CITEBOT_CACHE_DIR: TEST_CACHE_DIR, CITEBOT_DATA_DIR: TEST_DATA_DIR, TMPDIR: TEST_TMP_DIR },
    // Fails the run if a process a test started (bot, server, shard) is still running at the end.
    globalSetup: ['tests/globalSetup.ts'],
    // Building the corpus (tagging, WordNet, gazetteer) takes about a second per test file.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line at the end.
    reporters: ['default', ['json', { outputFile: 'coverage/vitest-report.json' }]],
  },
});
