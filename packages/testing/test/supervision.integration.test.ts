import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../src/eventually.js';
import { REPO_ROOT } from '../src/infra.js';
import { type SmtpSink, startSmtpSink } from '../src/smtp-sink.js';
import { type RunningSystem, SERVICE_NICENESS, startSystem } from '../src/system.js';

// One real service (notification: it needs only Kafka, the database and SMTP) under supervision.
describe('a supervised service', () => {
  const run = randomUUID().slice(0, 8);
  const lines: string[] = [];
  let smtp: SmtpSink;
  let system: RunningSystem;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    system = await startSystem({
      services: ['notification'],
      kafkaBrokers: process.env.KAFKA_BROKERS!.split(','),
      mongoUrl: process.env.MONGO_URL!,
      smtpUrl: smtp.url,
      basePort: 17_700,
      mongoDbPrefix: `sup_${run}`,
      namespace: `sup-${run}`,
      logDir: join(REPO_ROOT, 'test-artifacts', `supervision-${run}`),
      supervise: true,
      prioritise: true,
      onSupervisorLine: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  /** The container health check of docker-compose.yml, run here against the local process. */
  const probe = (url: string) => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'infra/docker/probe.mjs'), url], {
      encoding: 'utf8',
    });
    return { code: r.status, says: r.stdout.trim() };
  };

  it('passes the container health check (live, then ready) while it runs', () => {
    expect(probe(system.http.notification)).toEqual({ code: 0, says: 'live and ready' });
  });

  it('fails the container health check as not live where nothing answers', () => {
    const { code, says } = probe(system.http.intake); // not started in this test
    expect(code).toBe(1);
    expect(says).toMatch(/^not live: /);
  });

  it('runs at the lower CPU priority of a service that works from the log', () => {
    expect(SERVICE_NICENESS.notification).toBeGreaterThan(SERVICE_NICENESS.intake);
    expect(getPriority(system.pid('notification')!)).toBe(SERVICE_NICENESS.notification);
  });

  it('is started again after a kill -9 and becomes ready again, and the console says so', async () => {
    const before = system.pid('notification');
    expect(before).toBeGreaterThan(0);
    expect(system.kill('notification', 'SIGKILL')).toBe(true);

    await eventually(() => expect(system.restarts('notification')).toBe(1), 30_000);
    await system.waitReady('notification', 0, 120_000);
    expect(system.pid('notification')).not.toBe(before);
    const ready = await fetch(`${system.http.notification}/health/ready`);
    expect(ready.status).toBe(200);
    expect(lines).toContain('notification exited (signal SIGKILL); restarting now (restart 1)');
    await eventually(() => expect(lines.some((l) => l.startsWith('notification ready again'))).toBe(true));
    expect(getPriority(system.pid('notification')!)).toBe(SERVICE_NICENESS.notification);
  }, 180_000);
});
