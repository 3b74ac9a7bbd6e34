import { runUntilSignalled } from '@motcua/runtime';
import { notificationService } from './service.js';

await runUntilSignalled(notificationService());
