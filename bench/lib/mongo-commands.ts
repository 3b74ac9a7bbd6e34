// The services' MongoDB command counters (`mongo_commands_total` on each /metrics), read before and
// after a load: how many commands each service sent per reception, and to which collections.

export interface CommandCount {
  service: string;
  collection: string;
  command: string;
  count: number;
  seconds: number;
}

const LINE = /^(mongo_commands_total|mongo_command_seconds_total)\{([^}]*)\} (\S+)$/;

/** The counters in a Prometheus text page, keyed by collection and command (outcomes summed). */
export function parseCommandCounters(service: string, text: string): CommandCount[] {
  const byKey = new Map<string, CommandCount>();
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1]!, l[2]!]));
    const key = `${labels.collection}\u0000${labels.command}`;
    const row = byKey.get(key) ?? {
      service,
      collection: labels.collection ?? '-',
      command: labels.command ?? '-',
      count: 0,
      seconds: 0,
    };
    if (m[1] === 'mongo_commands_total') row.count += Number(m[3]);
    else row.seconds += Number(m[3]);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

/** Every service's counters now (a service that does not answer is left out). */
export async function readCommandCounters(urls: Map<string, string>): Promise<CommandCount[]> {
  const pages = await Promise.all(
    [...urls].map(async ([service, url]) => {
      const r = await fetch(`${url}/metrics`).catch(() => undefined);
      return r?.ok ? parseCommandCounters(service, await r.text()) : [];
    }),
  );
  return pages.flat();
}

/** What was counted between two readings. */
export function commandsBetween(before: CommandCount[], after: CommandCount[]): CommandCount[] {
  const key = (c: CommandCount) => `${c.service}\u0000${c.collection}\u0000${c.command}`;
  const earlier = new Map(before.map((c) => [key(c), c]));
  return after
    .map((c) => ({
      ...c,
      count: c.count - (earlier.get(key(c))?.count ?? 0),
      seconds: c.seconds - (earlier.get(key(c))?.seconds ?? 0),
    }))
    .filter((c) => c.count > 0);
}

/** Per service: commands per reception, client time, and the collections that took most commands. */
export function renderCommands(counts: CommandCount[], receptions: number, top = 12): string[] {
  const services = [...new Set(counts.map((c) => c.service))].sort();
  const per = (n: number) => (receptions > 0 ? (n / receptions).toFixed(1) : '');
  const total = counts.reduce((a, c) => a + c.count, 0);
  const lines = [
    `Mongo commands from the load's start until the board showed every reception (${receptions} receptions; the bench's own board reads included):`,
    `${'service'.padEnd(12)}  ${'commands'.padStart(8)}  ${'per rec.'.padStart(8)}  ${'client s'.padStart(8)}  most commands (collection command: per reception)`,
  ];
  for (const service of services) {
    const mine = counts.filter((c) => c.service === service).sort((a, b) => b.count - a.count);
    const n = mine.reduce((a, c) => a + c.count, 0);
    const s = mine.reduce((a, c) => a + c.seconds, 0);
    const most = mine
      .slice(0, top)
      .map((c) => `${c.collection} ${c.command}: ${per(c.count)}`)
      .join(', ');
    lines.push(
      `${service.padEnd(12)}  ${String(n).padStart(8)}  ${per(n).padStart(8)}  ${s.toFixed(1).padStart(8)}  ${most}`,
    );
  }
  lines.push(`${'all'.padEnd(12)}  ${String(total).padStart(8)}  ${per(total).padStart(8)}`);
  return lines;
}
