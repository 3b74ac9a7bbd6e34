import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { EventStore } from '@motcua/eventstore';
import type { ServiceDeps } from '@motcua/runtime';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueRepository } from '../src/adapters/queue-repository.js';
import { DepartmentApp } from '../src/app/department-app.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const department = 'hue-city.justice';
const clock = { now: () => new Date('2026-04-28T02:00:00Z') };

describe('a department instance that gets a routing event again after a rebalance', () => {
  let mongo: MongoClient;
  let db: Db;
  const dossierId = randomUUID();
  const correlationId = randomUUID();
  let version = 0;

  /** One of routing's or intake's events of the dossier, as the log carries it. */
  const event = (type: string, producer: string, payload: Record<string, unknown>): RecordedEvent =>
    ({
      eventId: randomUUID(),
      type,
      producer,
      schemaVersion: 1,
      streamId: `${producer}-${dossierId}`,
      streamVersion: ++version,
      dossierId,
      dossierCode: 'HUE-260428-0001',
      correlationId,
      causationId: correlationId,
      occurredAt: '2026-04-28T02:00:00.000Z',
      recordedAt: '2026-04-28T02:00:00.000Z',
      actor: { userId: `system:${producer}`, role: 'system' },
      payload,
    }) as unknown as RecordedEvent;

  /** A department process of its own: its own caches, the shared database. */
  const instance = () => {
    const store = new EventStore({ db, producer: 'department', clock });
    const deps = { db, store, clock, logger: quiet } as unknown as ServiceDeps;
    return new DepartmentApp(deps, new QueueRepository(db, clock.now));
  };

  beforeAll(async () => {
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`department_redelivery_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
  });

  it('keeps the appointment another instance moved in the meantime on the queue line', async () => {
    const first = instance();
    await first.onEvent(
      event('DossierReceived', 'intake', {
        applicant: { fullName: 'Trần Thị Lan' },
        procedureName: 'Chứng thực',
      }),
    );
    await first.onEvent(
      event('DossierWorkflowAssigned', 'routing', {
        centerId: 'hue-city',
        procedureCode: '2.000575',
        appointmentAt: '2026-05-04T09:00:00.000Z',
      }),
    );
    const routed = event('DossierRouted', 'routing', {
      stepId: 'appraise',
      stepName: 'Thẩm định',
      departmentId: department,
      stepDueAt: '2026-04-30T10:00:00.000Z',
    });
    await first.onEvent(routed);
    expect((await first.queue(department)).map((l) => l.appointmentAt)).toEqual(['2026-05-04T09:00:00.000Z']);

    // the partition moves: another instance handles the apology that moves the appointment
    await instance().onEvent(
      event('ApologyIssued', 'routing', { newAppointmentAt: '2026-05-07T09:00:00.000Z' }),
    );
    expect((await first.queue(department)).map((l) => l.appointmentAt)).toEqual(['2026-05-07T09:00:00.000Z']);

    // and moves back: the first instance gets the routing event again, from its last committed offset
    await first.onEvent(routed);
    const lines = await first.queue(department);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.appointmentAt).toBe('2026-05-07T09:00:00.000Z');
  });
});
