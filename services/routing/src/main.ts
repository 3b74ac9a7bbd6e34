import { runUntilSignalled } from '@motcua/runtime';
import { routingService } from './service.js';

await runUntilSignalled(routingService());
