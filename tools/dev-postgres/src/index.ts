export { spawnDevPostgres, type DevPostgresProcess, type SpawnDevPostgresOptions } from './spawn';
export { findFreePort } from './free-port';
export { existingClusterUrl } from './server';
