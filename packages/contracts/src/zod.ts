import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Every schema is built from this `z`, so it carries OpenAPI metadata and the published document is generated
// from the same schemas that validate requests.
extendZodWithOpenApi(z);

export { z };
