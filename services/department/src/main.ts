import { runUntilSignalled } from '@motcua/runtime';
import { departmentService } from './service.js';

await runUntilSignalled(departmentService());
