import { DEVELOPMENT_JWT_SECRET, installHttpGuard, type Principal, Tokens } from '@motcua/auth';
import { buildHttpApp, type HttpApp } from '@motcua/http';
import { createKafka, ensureTopics, topicNames } from '@motcua/kafka';
import { createLogger } from '@motcua/logger';
import type { Admin, Kafka, Producer } from 'kafkajs';

// What the monitoring tests share: signed-in callers, monitoring's guarded HTTP app, and a
// throwaway namespace's topics on the shared Kafka.

export const logger = createLogger({ service: 'monitoring', level: 'silent' });
export const tokens = new Tokens({ secret: DEVELOPMENT_JWT_SECRET });

/** The authorization header of a signed-in caller. */
export async function bearer(who: Principal): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${(await tokens.issue(who)).accessToken}` };
}

/** Monitoring's HTTP app behind its guard (tokens above), serving the given routes. */
export function guardedHttp(routes: (scope: HttpApp) => Promise<void>): Promise<HttpApp> {
  return buildHttpApp({
    service: 'monitoring',
    version: 'test',
    logger,
    routes: async (scope) => {
      installHttpGuard(scope, { service: 'monitoring', tokens, logger });
      await routes(scope);
    },
  });
}

/** The guarded app and a GET as one of the named callers (default 'board'; an unknown name: no token). */
export async function guardedHttpFor(
  callers: Record<string, Principal>,
  routes: (scope: HttpApp) => Promise<void>,
) {
  const headers: Record<string, { authorization: string }> = {};
  for (const [name, who] of Object.entries(callers)) headers[name] = await bearer(who);
  const http = await guardedHttp(routes);
  const get = (url: string, who = 'board') =>
    http.inject({ method: 'GET', url, headers: headers[who] ?? {} });
  return { http, get };
}
export type GetAs = Awaited<ReturnType<typeof guardedHttpFor>>['get'];

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export interface Topics {
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  /** Disconnects and deletes the namespace's topics. */
  close(): Promise<void>;
}

/** A namespace's topics on the shared Kafka (KAFKA_BROKERS) and an idempotent, ordered producer. */
export async function openTopics(namespace: string, clientId: string): Promise<Topics> {
  const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId, logger: quiet });
  const admin = kafka.admin();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  const close = async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: Object.values(topicNames(namespace)) }).catch(() => undefined);
    await admin.disconnect();
  };
  try {
    await admin.connect();
    await ensureTopics(admin, topicNames(namespace));
    await producer.connect();
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
  return { kafka, admin, producer, close };
}
