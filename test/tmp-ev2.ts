import { projectExpected } from '@carecast/engine';
import { compileScenarioFile } from '@carecast/scenario';
process.env.TZ = 'UTC';
const { params } = await compileScenarioFile(process.argv[2]!, { cwd: process.cwd() });
projectExpected(params);
