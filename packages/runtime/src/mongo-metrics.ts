import type { CommandFailedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';
import { Counter, type Registry } from 'prom-client';

// What each service asks of its database, per collection and command: on a server where every write
// waits for one writer (FerretDB on SQLite), the count of commands is what a change to the write path
// has to move. The bench reads these counters before and after its load.

type Labels = 'collection' | 'command' | 'outcome';

/** Commands that name their collection in their first field (`{ find: 'timelines', … }`). */
const NAMED = new Set([
  'find',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'aggregate',
  'count',
  'distinct',
  'createIndexes',
  'drop',
]);

/** The collection a command works on; `getMore` names it in `collection`; others are database-wide. */
export function commandTarget(commandName: string, command: Record<string, unknown>): string {
  const named = NAMED.has(commandName)
    ? command[commandName]
    : commandName === 'getMore'
      ? command.collection
      : undefined;
  return typeof named === 'string' ? named : '-';
}

const counters = new WeakMap<Registry, { count: Counter<Labels>; seconds: Counter<Labels> }>();

function countersIn(registry: Registry) {
  let made = counters.get(registry);
  if (!made) {
    made = {
      count: new Counter({
        name: 'mongo_commands_total',
        help: 'MongoDB commands sent by this process, by collection, command and outcome',
        labelNames: ['collection', 'command', 'outcome'] as const,
        registers: [registry],
      }),
      seconds: new Counter({
        name: 'mongo_command_seconds_total',
        help: 'Time from sending a MongoDB command to its reply, summed, by collection, command and outcome',
        labelNames: ['collection', 'command', 'outcome'] as const,
        registers: [registry],
      }),
    };
    counters.set(registry, made);
  }
  return made;
}

/**
 * Counts every command of a client connected with `monitorCommands: true`. The collection is taken
 * when the command starts (its reply does not name it); pings and handshakes are left out.
 */
export function countMongoCommands(client: MongoClient, registry: Registry): void {
  const { count, seconds } = countersIn(registry);
  const targets = new Map<number, string>();
  client.on('commandStarted', (e) => {
    if (!NAMED.has(e.commandName) && e.commandName !== 'getMore') return;
    // a command whose reply never came (connection lost) must not keep its entry for ever
    if (targets.size >= 10_000) targets.clear();
    targets.set(e.requestId, commandTarget(e.commandName, e.command as Record<string, unknown>));
  });
  const done = (outcome: 'ok' | 'failed') => (e: CommandSucceededEvent | CommandFailedEvent) => {
    const collection = targets.get(e.requestId);
    if (collection === undefined) return;
    targets.delete(e.requestId);
    const labels = { collection, command: e.commandName, outcome };
    count.inc(labels);
    seconds.inc(labels, e.duration / 1000);
  };
  client.on('commandSucceeded', done('ok'));
  client.on('commandFailed', done('failed'));
}
