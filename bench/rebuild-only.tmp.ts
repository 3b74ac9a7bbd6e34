import { randomBytes } from 'node:crypto';
import { topicNames } from '../packages/kafka/src/index.js';
import { rebuild } from '../services/monitoring/src/rebuild/engine.js';
import { connect, endpoints } from './lib/infra.js';
const { brokers, mongoUrl } = endpoints();
const conn = await connect(brokers, mongoUrl);
const db = conn.mongo.db(`rebuild_tmp_${randomBytes(3).toString('hex')}`);
const t = performance.now();
let last = t;
const r = await rebuild({ kafka: conn.kafka, db, topic: topicNames(`motcua-bench-history-${process.argv[2]}`).lifecycle, rebuildId: 'x', groupPrefix: `tmp-${randomBytes(3).toString('hex')}`,
  onProgress: (p) => { const n = performance.now(); console.log(p.partition, p.done, ((n - last)/1000).toFixed(2)); last = n; } });
console.log('total', ((performance.now() - t) / 1000).toFixed(1), 's', r.state.applied, [...conn.commands]);
await db.dropDatabase(); await conn.mongo.close(); process.exit(0);
