import type { TimelineEntry } from '../domain/timeline.js';

/** An event as the live stream sends it: the timeline entry and the dossier it belongs to. */
export interface LiveEvent extends TimelineEntry {
  dossierId: string;
  dossierCode: string;
}

/** Where a client's bytes go (an HTTP response): what is still buffered, a write, and a hard stop. */
export interface LiveSink {
  readonly writableLength: number;
  write(chunk: string): unknown;
  end(): unknown;
  destroy(): void;
}

export interface LiveLimits {
  /** A client with more than this many bytes not yet taken by its socket is dropped. Default 1 MiB. */
  maxBufferedBytes?: number;
  /** Clients followed at once; more are refused. Default 200. */
  maxClients?: number;
}

interface Client {
  dossierId: string | undefined;
  sink: LiveSink;
}

/** One Server-Sent Events frame: `event: <type>` and the entry as one line of JSON. */
export const sseFrame = (event: LiveEvent): string =>
  `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * The in-process fan-out of the events monitoring's consumer has just projected, to the board's
 * open streams (GET /events/stream). Nothing is kept: a client sees what happens while it is
 * connected. A client whose socket falls behind is dropped instead of buffering without bound.
 */
export class LiveEvents {
  private readonly clients = new Set<Client>();
  private readonly maxBufferedBytes: number;
  private readonly maxClients: number;

  constructor(limits: LiveLimits = {}) {
    this.maxBufferedBytes = limits.maxBufferedBytes ?? 1024 * 1024;
    this.maxClients = limits.maxClients ?? 200;
  }

  /** Clients connected now. */
  get size(): number {
    return this.clients.size;
  }

  /** Follows every event, or one dossier's; the returned function stops. Undefined when full. */
  subscribe(sink: LiveSink, dossierId?: string): (() => void) | undefined {
    if (this.clients.size >= this.maxClients) return undefined;
    const client: Client = { dossierId, sink };
    this.clients.add(client);
    return () => {
      this.clients.delete(client);
    };
  }

  /** Sends an event to every client following it. Never throws: the consumer's work is done. */
  publish(event: LiveEvent): void {
    if (this.clients.size === 0) return;
    const frame = sseFrame(event);
    for (const client of this.clients) {
      if (client.dossierId === undefined || client.dossierId === event.dossierId) this.send(client, frame);
    }
  }

  /** An SSE comment to every client, so proxies keep idle streams open and dead ones are found. */
  heartbeat(): void {
    for (const client of this.clients) this.send(client, ': heartbeat\n\n');
  }

  /** Ends every stream (the service is stopping). */
  closeAll(): void {
    for (const client of [...this.clients]) {
      this.clients.delete(client);
      try {
        client.sink.end();
      } catch {
        client.sink.destroy();
      }
    }
  }

  private send(client: Client, chunk: string): void {
    if (client.sink.writableLength > this.maxBufferedBytes) {
      this.drop(client);
      return;
    }
    try {
      client.sink.write(chunk);
    } catch {
      this.drop(client);
    }
  }

  private drop(client: Client): void {
    this.clients.delete(client);
    try {
      client.sink.destroy();
    } catch {
      // already gone
    }
  }
}
