import { defineConfig } from 'vitest/config';

// Three sets that can run alone: `--project unit|integration|e2e`.
// Integration and e2e run against real Kafka and a real MongoDB-wire server,
// provided once per run by the global setup (env, testcontainers or infra/local).
const exclude = ['**/node_modules/**', '.motcua/**'];
// The tests written before Huế's 2025 data receive "today" at the 2018 centers: they run on the 2018
// organisation, never reorganised. Tests of today's organisation name it (MOTCUA_ORGANISATION=hue).
const env = { MOTCUA_ORGANISATION: process.env.MOTCUA_ORGANISATION ?? 'hue-2018' };

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['**/*.unit.test.ts'], exclude, env },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.integration.test.ts'],
          exclude,
          env,
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
          env,
          globalSetup: ['./test/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
