import { commandIdConflict } from './errors.js';
import type { CommandMeta, StreamCommand, StreamDocument } from './types.js';

/**
 * The earlier run of this command id on the stream, when it was the same caller's (same actor and,
 * if the first run came with one, the same retry proof); undefined for a new command id. A command
 * id that someone else used throws COMMAND_ID_CONFLICT: command ids show in timelines as
 * `causationId`, so knowing one must not be enough to read what the command produced.
 */
export function previousRun(
  stream: StreamDocument | null,
  meta: Pick<CommandMeta, 'commandId' | 'actor' | 'retryProof'>,
): StreamCommand | undefined {
  const previous = stream?.commands.find((c) => c.id === meta.commandId);
  if (!stream || !previous) return undefined;
  // Commands recorded before `by` existed: the actor of the first event they produced.
  const owner = previous.by ?? stream.events[previous.from - 1]?.actor.userId;
  if (owner !== meta.actor.userId || (previous.proof ?? '') !== (meta.retryProof ?? '')) {
    throw commandIdConflict();
  }
  return previous;
}
