import type { Cluster } from './cluster.js';
import { caughtUpTo, type KafkaView, type Positions } from './kafka-view.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Seconds from `endedAt` until every instance answers ready and every consumer group has committed what
 * the log held at the previous poll (about a second earlier): `caughtUpSeconds` of FaultResult. Polls
 * until seen, or undefined at the deadline.
 */
export async function caughtUp(
  cluster: Cluster,
  view: KafkaView,
  endedAt: number,
  deadline: number,
): Promise<number | undefined> {
  let earlier: Positions | undefined;
  while (Date.now() < deadline) {
    try {
      const now = await view.positions();
      if (earlier && caughtUpTo(earlier, now)) {
        const ready = await Promise.all(cluster.handles().map((h) => h.ready()));
        if (ready.every(Boolean)) return (Date.now() - endedAt) / 1000;
      }
      earlier = now;
    } catch {
      earlier = undefined; // the broker is not answering yet
    }
    await sleep(1_000);
  }
  return undefined;
}
