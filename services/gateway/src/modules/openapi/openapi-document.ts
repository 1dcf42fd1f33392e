import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerApiKeyPaths } from '../api-keys/api-keys.openapi';
import { registerBudgetPaths } from '../budgets/budgets.openapi';
import { registerForecastPaths } from '../forecast/forecast.openapi';
import { registerGuardPaths } from '../guard/guard.openapi';
import { registerOrgPaths } from '../orgs/orgs.openapi';
import { registerPricingPaths } from '../pricing/pricing.openapi';
import { registerReportPaths } from '../reports/reports.openapi';
import { registerTracePaths } from '../traces/traces.openapi';
import { registerWebhookPaths } from '../webhooks/webhooks.openapi';
import { createRegistry, type PathRegistrar } from './openapi-registry';

const registrars: PathRegistrar[] = [
  registerOrgPaths,
  registerApiKeyPaths,
  registerTracePaths,
  registerPricingPaths,
  registerReportPaths,
  registerBudgetPaths,
  registerForecastPaths,
  registerWebhookPaths,
  registerGuardPaths,
];

/** The OpenAPI 3.1 document, generated from the zod schemas that validate the requests. */
export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = createRegistry();
  for (const register of registrars) register(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'AI FinOps gateway',
      version: '0.1.0',
      description:
        'Cost attribution, chargeback reports, budget caps, a real-time spend guard and month-end forecasts for AI ' +
        'agents. Errors are ' +
        'RFC 9457 problem details (`application/problem+json`).',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
  });
}
