import { runUntilSignalled } from '@motcua/runtime';
import { monitoringService } from './service.js';

await runUntilSignalled(monitoringService());
