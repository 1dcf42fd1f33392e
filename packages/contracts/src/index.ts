export { z } from './zod';
export * from './problem';
export * from './money';
export * from './limits';
export * from './traces';
export * from './orgs';
export * from './pricing';
export * from './health';
export * from './forecast';
