import { VersionConflictError } from './errors.js';
import type { EventStore } from './event-store.js';
import { previousRun } from './replay.js';
import type { CommandMeta, NewEvent, RecordedEvent } from './types.js';

/** A pure decider, as in emmett: state is folded from the stream's own events. */
export interface Decider<State, Command> {
  initialState: () => State;
  evolve: (state: State, event: RecordedEvent) => State;
  decide: (command: Command, state: State) => NewEvent[];
}

export interface HandleOptions<Command> extends CommandMeta {
  streamId: string;
  dossierId: string;
  dossierCode?: string;
  /** The rulebook the dossier follows; by default the stream's (see AppendRequest). */
  rulebookId?: string;
  command: Command;
  /** Attempts after a version conflict before giving up. */
  maxAttempts?: number;
  /**
   * The stream should not exist yet (a reaction that starts a dossier's stream in this service): the
   * first decision is made on an empty stream without reading it. Its conditional create refuses it
   * when the stream exists after all, and the command is decided again on a fresh read.
   */
  likelyNew?: boolean;
}

export interface HandleResult<State> {
  state: State;
  version: number;
  events: RecordedEvent[];
  duplicate: boolean;
}

/**
 * Load → decide → append, retried on a version conflict. A command id seen before returns what
 * it produced the first time and writes nothing (retries never double an effect) — to the same
 * caller only: anyone else gets COMMAND_ID_CONFLICT.
 */
export async function handleCommand<State, Command>(
  store: EventStore,
  decider: Decider<State, Command>,
  options: HandleOptions<Command>,
): Promise<HandleResult<State>> {
  const attempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    // the first decision on what this process last saw of the stream; after a conflict, on a fresh read
    const stream =
      attempt === 1
        ? await store.readForCommand(options.streamId, { likelyNew: options.likelyNew === true })
        : await store.read(options.streamId);
    const history = stream?.events ?? [];
    const fold = (events: RecordedEvent[]) => events.reduce(decider.evolve, decider.initialState());
    const previous = previousRun(stream, options);
    if (previous) {
      return {
        state: fold(history),
        version: stream!.version,
        events: history.slice(previous.from - 1, previous.to),
        duplicate: true,
      };
    }
    const state = fold(history);
    const newEvents = decider.decide(options.command, state);
    try {
      const result = await store.append(
        {
          ...options,
          dossierCode: options.dossierCode ?? (stream?.dossierCode || undefined),
          rulebookId: options.rulebookId ?? (stream?.rulebookId || undefined),
          expectedVersion: stream?.version ?? 0,
          // the head of the stream's hash chain, which the new events continue
          previousHash: history.at(-1)?.hash ?? '',
          events: newEvents,
        },
        stream,
      );
      // a duplicate found only at the write was decided on an old copy: answer with the stored stream
      const all = result.duplicate ? (result.stream?.events ?? history) : [...history, ...result.events];
      return {
        state: fold(all),
        version: result.version,
        events: result.events,
        duplicate: result.duplicate,
      };
    } catch (err) {
      if (err instanceof VersionConflictError && attempt < attempts) continue;
      throw err;
    }
  }
}
