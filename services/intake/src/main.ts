import { runUntilSignalled } from '@motcua/runtime';
import { intakeService } from './service.js';

await runUntilSignalled(intakeService());
