import { defineConfig } from 'vitest/config';

// Three sets that can run alone: `--project unit|integration|e2e`.
// Integration and e2e run against real Kafka and a real MongoDB-wire server,
// provided once per run by the global setup (env, testcontainers or infra/local).
const exclude = ['**/node_modules/**', '.motcua/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['**/*.unit.test.ts'], exclude },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.integration.test.ts'],
          exclude,
          globalSetup: ['./test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          exclude,
          globalSetup: ['./test/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
