// The schemes and task types the extension serves, in one small module: the composition root
// registers them at activation while the code that serves them loads later (dist/features.js).
export const CONTAINER_SCHEME = 'docker-workbench-container';
export const LOGS_SCHEME = 'docker-workbench-logs';
export const INSPECT_SCHEME = 'docker-workbench-inspect';
export const TOP_SCHEME = 'docker-workbench-top';

export const BUILD_TASK_TYPE = 'docker-build';
export const COMPOSE_TASK_TYPE = 'docker-compose';
export const RUN_TASK_TYPE = 'docker-run';
