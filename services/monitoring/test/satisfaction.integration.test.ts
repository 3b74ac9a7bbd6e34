import { randomUUID } from 'node:crypto';
import { decodeRecordedEvent, newEventId } from '@motcua/contracts';
import { topicNames } from '@motcua/kafka';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndicesReports } from '../src/adapters/indices-routes.js';
import { type PackedFact, unpackFact } from '../src/adapters/packed.js';
import { FieldCatalogue, StatisticsRepository } from '../src/adapters/statistics-repository.js';
import { projectionApp, rebuild, suffixOf } from '../src/rebuild/engine.js';
import { verifyRebuild } from '../src/rebuild/verify.js';
import { openTopics, type Topics } from './support.js';

// Dossiers handed over in February and rated in March (and one rated twice, one redelivered),
// published on a throwaway namespace's lifecycle topic and applied live as the consumer would;
// the indices answer and a rebuild from the log must agree with the ratings tallied here.

const vn = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`).toISOString();
const FIELDS = [
  { code: '1.000001', fieldCode: 'civil-status' },
  { code: '1.000002', fieldCode: 'land' },
];

function ratedDossier(center: string, procedure: string, ratings: { rating: number; day: string }[]) {
  const id = randomUUID();
  let intake = 0;
  let routing = 0;
  const event = (
    type: string,
    producer: 'intake' | 'routing',
    at: string,
    payload: Record<string, unknown>,
  ) => ({
    eventId: newEventId(),
    type,
    schemaVersion: 1,
    dossierId: id,
    dossierCode: `000.00.31.H57-250210-${id.slice(0, 4)}`,
    streamId: `${producer}-dossier:${id}`,
    streamVersion: producer === 'intake' ? ++intake : ++routing,
    occurredAt: at,
    recordedAt: at,
    actor: { userId: `system:${producer}`, role: 'system' },
    causationId: newEventId(),
    correlationId: id,
    producer,
    payload,
    previousHash: '',
    hash: '',
  });
  return [
    event('DossierReceived', 'intake', vn('2025-02-10', '08:30'), {
      dossierCode: `000.00.31.H57-250210-${id.slice(0, 4)}`,
      lookupKeyHash: 'a3f1c9e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6',
      procedureCode: procedure,
      procedureVersion: 1,
      procedureName: 'Thủ tục',
      channel: 'counter',
      receivingUnitCode: '000.00.31.H57',
      centerId: center,
      applicant: { fullName: 'Nguyễn Văn A' },
      documents: [],
      receivedAt: vn('2025-02-10', '08:30'),
      appointmentAt: vn('2025-02-20', '16:00'),
      legalTimeLimit: { value: 5, unit: 'working_days' },
      checklist: [],
    }),
    event('DossierProcessingCompleted', 'routing', vn('2025-02-17', '10:00'), {
      outcome: 'approved',
      completedAt: vn('2025-02-17', '10:00'),
    }),
    event('ResultReturned', 'intake', vn('2025-02-18', '10:00'), {
      returnedAt: vn('2025-02-18', '10:00'),
      method: 'counter',
    }),
    ...ratings.map(({ rating, day }) =>
      event('ApplicantFeedbackGiven', 'intake', vn(day, '15:00'), {
        rating,
        comment: 'Nhanh, đúng hẹn',
        givenAt: vn(day, '15:00'),
      }),
    ),
  ];
}

describe('the applicants’ satisfaction from the log, on real Kafka and the MongoDB-wire server', () => {
  const namespace = `test-satisfaction-${randomUUID().slice(0, 8)}`;
  const topic = topicNames(namespace).lifecycle;
  const catalogue = () => new FieldCatalogue(async () => FIELDS);
  let topics: Topics;
  let mongo: MongoClient;
  let db: Db;

  beforeAll(async () => {
    topics = await openTopics(namespace, 'satisfaction-test');
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`test_satisfaction_${randomUUID().slice(0, 8)}`);
    const dossiers = [
      ratedDossier('hue-city', '1.000001', [{ rating: 5, day: '2025-03-03' }]),
      ratedDossier('hue-city', '1.000001', [{ rating: 2, day: '2025-03-04' }]),
      // a second rating of the same dossier is not counted
      ratedDossier('hue-city', '1.000002', [
        { rating: 4, day: '2025-03-05' },
        { rating: 1, day: '2025-03-06' },
      ]),
      ratedDossier('huong-thuy', '1.000002', [{ rating: 3, day: '2025-03-07' }]),
      ratedDossier('huong-thuy', '1.000001', [{ rating: 5, day: '2025-04-01' }]), // April
      ratedDossier('huong-thuy', '1.000001', []), // never rated
    ];
    const live = projectionApp(db, '', catalogue());
    for (const events of dossiers) {
      // the last event of each dossier is delivered twice, as a redelivery would
      for (const value of [...events, events.at(-1)]) {
        const text = JSON.stringify(value);
        const [meta] = await topics.producer.send({
          topic,
          acks: -1,
          messages: [{ key: String(value?.dossierId), value: text }],
        });
        const decoded = decodeRecordedEvent(Buffer.from(text));
        if (!decoded.ok) throw new Error('a test event does not decode');
        await live.onEvent(decoded.event, {
          topic,
          partition: meta?.partition ?? -1,
          offset: String(meta?.baseOffset),
        });
      }
    }
  });

  afterAll(async () => {
    await topics?.close();
    await db?.dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  const march = { from: new Date(vn('2025-03-01', '00:00')), to: new Date(vn('2025-04-01', '00:00')) };
  const reports = (suffix = '') =>
    new IndicesReports(
      new StatisticsRepository(db, undefined, { suffix }),
      () => new Date(vn('2025-05-01', '00:00')),
    );

  it('answers March’s ratings per center × field, though the dossiers were settled in February', async () => {
    const report = await reports().indices(march);
    expect(report.satisfaction).toEqual([
      {
        centerId: 'hue-city',
        fieldCode: 'civil-status',
        ratings: 2,
        average: 3.5,
        satisfied: 1,
        satisfiedShare: 50,
      },
      { centerId: 'hue-city', fieldCode: 'land', ratings: 1, average: 4, satisfied: 1, satisfiedShare: 100 },
      { centerId: 'huong-thuy', fieldCode: 'land', ratings: 1, average: 3, satisfied: 0, satisfiedShare: 0 },
    ]);
    expect(report.units.find((u) => u.centerId === 'hue-city')?.satisfaction).toEqual({
      ratings: 3,
      average: 3.7,
      satisfied: 2,
      satisfiedShare: 66.7,
    });
    const d766 = await reports().decision766({ ...march, centerId: 'huong-thuy' });
    expect(d766.satisfaction).toEqual({ value: 0, numerator: 0, denominator: 1 });
    const april = await reports().decision766({
      from: march.to,
      to: new Date(vn('2025-05-01', '00:00')),
      centerId: 'huong-thuy',
    });
    expect(april.satisfaction).toEqual({ value: 100, numerator: 1, denominator: 1 });
  });

  it('rebuilds from the log the same facts and month indices, ratings included', async () => {
    const result = await rebuild({
      kafka: topics.kafka,
      db,
      topic,
      rebuildId: 'sat',
      batchSize: 5,
      groupPrefix: namespace,
      catalogue: catalogue(),
    });
    expect(result.status).toBe('built');
    const comparison = await verifyRebuild(db, result.state);
    expect(comparison.equal).toBe(true);
    const rebuilt = await db
      .collection<PackedFact>(`dossier_facts${suffixOf('sat')}`)
      .find({})
      .toArray();
    expect(rebuilt.map(unpackFact).filter((f) => f.feedback)).toHaveLength(5);
    expect((await reports(suffixOf('sat')).indices(march)).satisfaction).toEqual(
      (await reports().indices(march)).satisfaction,
    );
  });
});
