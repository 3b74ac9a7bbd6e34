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

/**
 * Top-level field names of a document, never its values (a filter can hold a citizen's data). The
 * driver sends a sort as a Map.
 */
const keysOf = (doc: unknown): string =>
  doc instanceof Map
    ? `{${[...doc.keys()].join(',')}}`
    : doc && typeof doc === 'object' && !Array.isArray(doc)
      ? `{${Object.keys(doc).join(',')}}`
      : '';

/**
 * What a command asked, as a slow-command report may show it: its name, its collection and the
 * shape of what it filtered, sorted and limited on.
 */
export function commandShape(commandName: string, command: Record<string, unknown>): string {
  const parts = [`${commandName} ${commandTarget(commandName, command)}`];
  const first = (list: unknown) =>
    (Array.isArray(list) ? list[0] : undefined) as Record<string, unknown> | undefined;
  const filter =
    command.filter ?? command.query ?? first(command.updates)?.q ?? first(command.deletes)?.q ?? undefined;
  if (filter !== undefined) parts.push(`filter ${keysOf(filter)}`);
  if (command.sort !== undefined) parts.push(`sort ${keysOf(command.sort)}`);
  if (typeof command.limit === 'number' && command.limit > 0) parts.push(`limit ${command.limit}`);
  if (Array.isArray(command.pipeline))
    parts.push(`pipeline ${command.pipeline.map((stage) => Object.keys(stage ?? {})[0] ?? '?').join('→')}`);
  for (const batch of ['documents', 'updates', 'deletes'])
    if (Array.isArray(command[batch]) && (command[batch] as unknown[]).length > 1)
      parts.push(`${(command[batch] as unknown[]).length} ${batch}`);
  return parts.join(', ');
}

/** A command that took at least the threshold, reported once its reply (or failure) came. */
export interface SlowCommand {
  shape: string;
  ms: number;
  outcome: 'ok' | 'failed';
}

export interface SlowCommandWatch {
  /** Report commands that take at least this long; 0 reports none. */
  slowMs: number;
  report: (slow: SlowCommand) => void;
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
 * when the command starts (its reply does not name it); pings and handshakes are left out. With
 * `slow`, a command that took at least `slowMs` is reported by its shape: on a server where every
 * write waits for one writer, one slow command is what every other service waits behind.
 */
export function countMongoCommands(client: MongoClient, registry: Registry, slow?: SlowCommandWatch): void {
  const { count, seconds } = countersIn(registry);
  // the command itself is kept until its reply: its shape is only written for the few that were slow
  const started = new Map<number, { collection: string; command: Record<string, unknown> }>();
  client.on('commandStarted', (e) => {
    if (!NAMED.has(e.commandName) && e.commandName !== 'getMore') return;
    // a command whose reply never came (connection lost) must not keep its entry for ever
    if (started.size >= 10_000) started.clear();
    const command = e.command as Record<string, unknown>;
    started.set(e.requestId, { collection: commandTarget(e.commandName, command), command });
  });
  const done = (outcome: 'ok' | 'failed') => (e: CommandSucceededEvent | CommandFailedEvent) => {
    const command = started.get(e.requestId);
    if (command === undefined) return;
    started.delete(e.requestId);
    const labels = { collection: command.collection, command: e.commandName, outcome };
    count.inc(labels);
    seconds.inc(labels, e.duration / 1000);
    if (slow?.slowMs && e.duration >= slow.slowMs)
      slow.report({
        shape: commandShape(e.commandName, command.command),
        ms: Math.round(e.duration),
        outcome,
      });
  };
  client.on('commandSucceeded', done('ok'));
  client.on('commandFailed', done('failed'));
}
