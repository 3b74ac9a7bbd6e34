// The chaos suite, small: faults injected one at a time into a system of the test's own (dedicated
// Kafka and FerretDB; the shared test infra never sees a fault) while lifecycles flow through the
// services' HTTP APIs. The runner judges each fault from the Kafka log and the services' own answers,
// polling until the system converges or a generous deadline passes; the tests read its verdicts.
import { e2ePort } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../bench/chaos/lib/report.js';
import {
  type ChaosOptions,
  type ChaosReport,
  type FaultResult,
  runChaos,
} from '../../bench/chaos/lib/run.js';

const base: Omit<ChaosOptions, 'faults' | 'dossiers' | 'portBase' | 'name'> = {
  instances: 1,
  brokers: 1,
  concurrency: 3,
  brokerDownSeconds: 20,
  // dead 15 s, then ~20 s to start: the clients see the broker gone for longer than kafkajs's retries (~31 s)
  brokerDeadSeconds: 15,
  pauseSeconds: 20,
  joinSeconds: 10,
  recoverySeconds: 90,
  rebuild: true,
  // progress on the console: a failing run says which fault it was in and what it saw
  log: (line) => console.log(`[chaos] ${line}`),
};
const MINUTES = 60_000;

/** What a fault must leave behind: nothing lost, nothing twice, nobody stalled, no hand on the system. */
function survived(result: FaultResult | undefined) {
  expect(result, 'the fault ran').toBeDefined();
  const r = result!;
  // one comparison, so that a failure shows everything the runner saw at once
  expect({
    failedChecks: r.checks.filter((c) => !c.ok).map((c) => ({ check: c.name, detail: c.detail })),
    stalledConsumers: r.stalled,
    readinessWhileStalled: r.readinessAtStall,
    healedByHand: r.healedByHand,
    lost: r.lost,
    duplicated: r.duplicated,
    recoveredByItself: r.recoverySeconds !== undefined,
  }).toEqual({
    failedChecks: [],
    stalledConsumers: [],
    readinessWhileStalled: [],
    healedByHand: false,
    lost: 0,
    duplicated: 0,
    recoveredByItself: true,
  });
}

const resultOf = (report: ChaosReport | undefined, fault: string) =>
  report?.results.find((r) => r.fault === fault);

// Three faults, about five minutes on a shared 2-core machine: the two service kills and the FerretDB
// kill land at once (each has its own checks: the department queue, the board, the written events), the
// broker is dead long enough that kafkajs's own retries give up (ADR 0014: the consumers must be
// recreated), and a further instance of every service joins and leaves under load.
describe('one instance of each service under its supervisor, one fault at a time', () => {
  let report: ChaosReport | undefined;
  beforeAll(async () => {
    report = await runChaos({
      ...base,
      dossiers: 9,
      faults: ['kill-department+kill-monitoring+kill-ferretdb', 'kill-broker', 'join-leave'],
      portBase: e2ePort(12_500),
      name: 'e2e',
    });
  }, 15 * MINUTES);
  afterAll(() => {
    if (report) console.log(renderReport(report));
  });

  it('after a kill -9 of department, monitoring and the MongoDB-wire server at once, the supervisor brings the services back, every dossier reaches the queue, mail and board once, and the board equals a fresh rebuild', () => {
    const result = resultOf(report, 'kill-department+kill-monitoring+kill-ferretdb');
    survived(result);
    expect(result?.supervisorRestarts).toEqual(
      expect.arrayContaining(['department#1 ×1', 'monitoring#1 ×1']),
    );
  });

  it("after a kill -9 of the Kafka broker past kafkajs's retries, every consumer resumes by itself", () =>
    survived(resultOf(report, 'kill-broker')));

  it('a second instance of every service joins and leaves while dossiers flow, and nothing is done twice', () =>
    survived(resultOf(report, 'join-leave')));
});
