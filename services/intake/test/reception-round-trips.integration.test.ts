import { randomUUID } from 'node:crypto';
import type { CommandStartedEvent } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntakeHttp, REQUEST, startIntakeHttp } from './intake-http.js';

// A counter reception is on the counter's critical path: every database round trip of it is waited
// for by the officer and the applicant in front of them.
const HUE = { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' } as const;

describe("a counter reception's round trips", () => {
  let intake: IntakeHttp;
  let seen: string[] = [];
  const record = (e: CommandStartedEvent) => {
    const target = (e.command as Record<string, unknown>)[e.commandName];
    if (typeof target === 'string') seen.push(`${e.commandName} ${target}`);
  };
  beforeAll(async () => {
    intake = await startIntakeHttp({ onCommand: record });
  });
  afterAll(async () => intake.close());

  const receive = async (commandId: string) =>
    intake.http.inject({
      method: 'POST',
      url: '/dossiers',
      headers: await intake.headersOf(HUE),
      payload: {
        commandId,
        procedureCode: '2.000575',
        channel: 'counter',
        applicant: { fullName: 'Lê Văn Đếm', idNumber: '046190007777' },
        documents: [{ name: REQUEST, original: true, count: 1 }],
      },
    });

  it('does not read the stream of a dossier it receives for the first time', async () => {
    await receive(randomUUID()); // the day's counter is read by the first reception of the day
    seen = [];
    const res = await receive(randomUUID());
    expect(res.statusCode).toBe(201);
    expect(seen.filter((c) => c.startsWith('find'))).toEqual([]);
    expect(seen).toEqual(
      expect.arrayContaining([
        'insert dossier_numbers',
        'insert dossier_codes',
        'insert streams', // the head, and the outbox pointer before it in the same command
      ]),
    );
    expect(seen).not.toContain('insert outbox');
  });

  it('answers a retry from its stream and writes nothing more', async () => {
    const commandId = randomUUID();
    const first = (await receive(commandId)).json();
    await new Promise((r) => setTimeout(r, 200)); // the counter move of the first attempt
    seen = [];
    const again = await receive(commandId);
    expect(again.statusCode).toBe(200);
    expect(again.json().dossier.dossierCode).toBe(first.dossier.dossierCode);
    expect(seen.filter((c) => !c.startsWith('find'))).toEqual(['insert dossier_numbers']); // refused: a duplicate
  });
});
