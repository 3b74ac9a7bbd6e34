// A running system in its own namespace, with the clocks of all five services under the test's control.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createKafka, groupIdIn, topicNames } from '@motcua/kafka';
import {
  eventually,
  REPO_ROOT,
  type RunningSystem,
  SERVICES,
  type SmtpSink,
  startSmtpSink,
  startSystem,
} from '@motcua/testing';
import { DEVELOPMENT_JWT_SECRET, type Principal, Tokens } from '../../packages/auth/src/index.js';
import { call, type Json, login } from './session.js';

export type Headers = Record<string, string>;

export interface Lifecycle {
  system: RunningSystem;
  smtp: SmtpSink;
  as: (user: string) => Promise<Headers>;
  /** Moves every service's clock to a Vietnam local time, e.g. '2026-03-02T09:00'. */
  setClock: (local: string) => Promise<void>;
  /** The run's MongoDB database prefix (`<prefix>_<service>`) and Kafka topic namespace. */
  dbPrefix: string;
  namespace: string;
  stop: () => Promise<void>;
}

export const vn = (local: string) => new Date(`${local}:00+07:00`);

/** `extraEnv` adds service settings, e.g. a slow timer poll so that only the test fires timers. */
export async function startLifecycle(
  basePort: number,
  extraEnv: Record<string, string> = {},
): Promise<Lifecycle> {
  const run = randomUUID().slice(0, 8);
  const smtp = await startSmtpSink();
  const system = await startSystem({
    kafkaBrokers: process.env.KAFKA_BROKERS!.split(','),
    mongoUrl: process.env.MONGO_URL!,
    smtpUrl: smtp.url,
    basePort,
    mongoDbPrefix: `e2e_${run}`,
    namespace: `e2e-${run}`,
    logDir: join(REPO_ROOT, 'test-artifacts', `e2e-lifecycle-${run}`),
    extraEnv: { MOTCUA_TEST_CLOCK: 'on', ...extraEnv },
  });
  const sessions = new Map<string, Headers>();
  const as = async (user: string) => {
    let headers = sessions.get(user);
    if (!headers) {
      headers = await login(system.http.intake, user);
      sessions.set(user, headers);
    }
    return headers;
  };
  const setClock = async (local: string) => {
    const admin = await as('sysadmin');
    for (const service of SERVICES) {
      const r = await call(
        'PUT',
        `${system.http[service]}/test/clock`,
        { now: vn(local).toISOString() },
        admin,
      );
      if (r.status !== 200) throw new Error(`clock of ${service}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  };
  return {
    system,
    smtp,
    as,
    setClock,
    dbPrefix: `e2e_${run}`,
    namespace: `e2e-${run}`,
    stop: async () => {
      await system.stop();
      await smtp.stop();
    },
  };
}

export const household = (applicantName: string, email: string, idNumber = '046190009999') => ({
  commandId: randomUUID(),
  procedureCode: '2.000575',
  applicant: { fullName: applicantName, idNumber, email },
  documents: [
    { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 },
    {
      name: 'Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)',
      original: false,
      count: 1,
    },
  ],
  checklist: [{ documentName: 'Giấy đề nghị đăng ký hộ kinh doanh', required: true, provided: true }],
  guidance: 'Đã hướng dẫn thành phần hồ sơ',
});

/** Waits for the dossier's task in a department's queue. */
export async function taskIn(
  life: Lifecycle,
  departmentId: string,
  dossierId: string,
  user: string,
): Promise<Json> {
  const headers = await life.as(user);
  return eventually(async () => {
    const q = await call(
      'GET',
      `${life.system.http.department}/departments/${departmentId}/queue`,
      undefined,
      headers,
    );
    const task = Array.isArray(q.body) ? q.body.find((t: Json) => t.dossierId === dossierId) : undefined;
    if (!task) throw new Error(`no task for ${dossierId} in ${departmentId} yet`);
    return task as Json;
  });
}

/** Completes the dossier's step in a department as one of its officers. */
export async function completeIn(life: Lifecycle, departmentId: string, dossierId: string, user: string) {
  const task = await taskIn(life, departmentId, dossierId, user);
  const done = await call(
    'POST',
    `${life.system.http.department}/tasks/${task.taskId}/complete`,
    { commandId: randomUUID(), note: 'Đạt yêu cầu' },
    await life.as(user),
  );
  if (done.status !== 200)
    throw new Error(`complete in ${departmentId}: ${done.status} ${JSON.stringify(done.body)}`);
  return task;
}

/** The dossier's timeline as the board sees it, once it holds an event of the given type. */
export async function timelineWith(
  life: Lifecycle,
  dossierId: string,
  type: string,
  count = 1,
): Promise<Json> {
  const board = await life.as('board');
  return eventually(async () => {
    const t = await call(
      'GET',
      `${life.system.http.monitoring}/dossiers/${dossierId}/timeline`,
      undefined,
      board,
    );
    const n = (t.body.entries ?? []).filter((e: Json) => e.type === type).length;
    if (n < count) throw new Error(`timeline of ${dossierId} has ${n} ${type}`);
    return t.body;
  });
}

export const types = (timeline: Json): string[] => timeline.entries.map((e: Json) => e.type);

/**
 * Headers for an officer who has no demo account (e.g. at a third center): a token signed with the
 * services' shared secret, carrying the same claims a login would.
 */
export async function asOfficer(principal: Principal): Promise<Headers> {
  const tokens = new Tokens({
    secret: process.env.MOTCUA_JWT_SECRET || DEVELOPMENT_JWT_SECRET,
    accessTtlSeconds: 3600,
  });
  const { accessToken } = await tokens.issue(principal);
  return { authorization: `Bearer ${accessToken}` };
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Waits until a consumer group (by default the board's) has committed every message of the lifecycle
 * topic: before the clock jumps past a day, so that the day's events are in before it is sealed.
 */
export async function caughtUp(life: Lifecycle, group = 'monitoring.timeline'): Promise<void> {
  const kafka = createKafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'e2e',
    logger: quiet,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topic = topicNames(life.namespace).lifecycle;
    await eventually(async () => {
      const [high, committed] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: groupIdIn(life.namespace, group), topics: [topic] }),
      ]);
      const done = committed[0]?.partitions ?? [];
      for (const p of high) {
        const at = Number(done.find((c) => c.partition === p.partition)?.offset ?? '-1');
        if (Math.max(at, Number(p.low)) < Number(p.high))
          throw new Error(`${group} behind on partition ${p.partition}`);
      }
    }, 120_000); // a burst of commands takes the board a while on a busy machine
  } finally {
    await admin.disconnect();
  }
}
