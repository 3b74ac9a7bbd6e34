// Vitest global setup for the integration and e2e projects: Kafka + MongoDB once per run.
// Tests read them from process.env (KAFKA_BROKERS, MONGO_URL) or inject('kafkaBrokers' | 'mongoUrl').
import type { TestProject } from 'vitest/node';
import { ensureInfra, type Infra } from '../packages/testing/src/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
    mongoUrl: string;
  }
}

// Each project runs this file's setup in the same main process; share one infra between them
// (and stop containers only after the last project's teardown).
const shared = globalThis as { __motcuaInfra?: Promise<Infra>; __motcuaInfraUsers?: number };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.__motcuaInfra ??= ensureInfra();
  shared.__motcuaInfraUsers = (shared.__motcuaInfraUsers ?? 0) + 1;
  const infra = await shared.__motcuaInfra;
  // workers are created after global setup and inherit this environment
  process.env.KAFKA_BROKERS = infra.kafkaBrokers.join(',');
  process.env.MONGO_URL = infra.mongoUrl;
  // Services the tests start take the development secrets and demo accounts (docs/security.md).
  process.env.MOTCUA_DEV_MODE ??= 'true';
  project.provide('kafkaBrokers', infra.kafkaBrokers);
  project.provide('mongoUrl', infra.mongoUrl);
  if (shared.__motcuaInfraUsers === 1) {
    console.log(
      `[infra] ${infra.source}: KAFKA_BROKERS=${process.env.KAFKA_BROKERS} MONGO_URL=${infra.mongoUrl}`,
    );
  }
  return async () => {
    shared.__motcuaInfraUsers = (shared.__motcuaInfraUsers ?? 1) - 1;
    if (shared.__motcuaInfraUsers > 0) return;
    shared.__motcuaInfra = undefined;
    await infra.stop();
  };
}
