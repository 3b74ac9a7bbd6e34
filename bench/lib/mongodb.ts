import { createRequire } from 'node:module';
import type * as Mongo from '../../packages/eventstore/node_modules/mongodb/mongodb.js';

// `mongodb` is not a root dependency: borrow the event store's copy, so the bench drives the very
// driver (and types) the store and consumer harness were written against.
const require = createRequire(new URL('../../packages/eventstore/package.json', import.meta.url));
export const { MongoClient } = require('mongodb') as typeof Mongo;
export type {
  Collection,
  Db,
  MongoClient as MongoClientType,
} from '../../packages/eventstore/node_modules/mongodb/mongodb.js';
