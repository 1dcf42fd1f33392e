import { runMain } from '@finops/http-kit';
import { startGateway } from './server';

runMain(() => startGateway(process.env));
