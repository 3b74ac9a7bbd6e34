import { describe, expect, it } from 'vitest';
import { commandsBetween, parseCommandCounters, renderCommands } from '../lib/mongo-commands.js';

const page = (inserts: number, finds: number) =>
  [
    '# HELP mongo_commands_total MongoDB commands sent by this process',
    '# TYPE mongo_commands_total counter',
    `mongo_commands_total{collection="events",command="insert",outcome="ok"} ${inserts}`,
    'mongo_commands_total{collection="events",command="insert",outcome="failed"} 1',
    `mongo_commands_total{collection="events",command="find",outcome="ok"} ${finds}`,
    `mongo_command_seconds_total{collection="events",command="insert",outcome="ok"} ${inserts / 100}`,
    'http_request_duration_seconds_count{method="GET",route="/metrics",status="200"} 3',
  ].join('\n');

describe('the services’ command counters in the bench', () => {
  it('sums the outcomes of a collection’s command and ignores other metrics', () => {
    const rows = parseCommandCounters('intake', page(10, 4));
    expect(rows).toEqual([
      { service: 'intake', collection: 'events', command: 'insert', count: 11, seconds: 0.1 },
      { service: 'intake', collection: 'events', command: 'find', count: 4, seconds: 0 },
    ]);
  });

  it('counts only what happened between two readings, leaving out commands not sent meanwhile', () => {
    const between = commandsBetween(
      parseCommandCounters('intake', page(10, 4)),
      parseCommandCounters('intake', page(30, 4)),
    );
    expect(between).toHaveLength(1);
    expect(between[0]).toMatchObject({ collection: 'events', command: 'insert', count: 20 });
    expect(between[0]!.seconds).toBeCloseTo(0.2);
  });

  it('prints commands per reception per service', () => {
    const lines = renderCommands(parseCommandCounters('routing', page(40, 20)), 10);
    expect(lines.find((l) => l.startsWith('routing'))).toMatch(
      /\s61\s+6\.1\s.*events insert: 4\.1, events find: 2\.0/,
    );
  });
});
