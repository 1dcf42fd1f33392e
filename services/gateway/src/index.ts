export { createApp, type Gateway, type GatewayDeps, type GatewaySettings } from './app';
export { loadConfig, type GatewayConfig } from './config';
export { startGateway, type StartOptions } from './server';
export { createPool, type DbPool } from './db/pool';
export { createPrisma } from './db/prisma';
export { migrate, DEFAULT_MIGRATIONS_DIR } from './db/migrator';
export { prepareDatabase } from './setup/prepare-database';
export { OrgsService } from './modules/orgs/orgs.service';
export { OrgsRepository } from './modules/orgs/orgs.repository';
