# One build for both services. Targets: gateway, forecaster, migrate.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV CI=true PNPM_VERSION=12.4.2
RUN npm install -g pnpm@${PNPM_VERSION}
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig*.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY packages ./packages
COPY services ./services
COPY tools ./tools
RUN pnpm install --frozen-lockfile
# The Prisma CLI can download its schema engine here, so prisma generate runs without the offline workaround.
RUN PRISMA_SCHEMA_ENGINE_BINARY= node scripts/prisma-generate.mjs && pnpm exec tsc -b tsconfig.json \
    && pnpm --filter @finops/dashboard run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build /app /app
USER node

FROM runtime AS forecaster
ENV PORT=3001
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3001/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "services/forecaster/dist/src/main.js"]

FROM runtime AS gateway
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "services/gateway/dist/src/main.js"]

# One-shot: Prisma's own migration engine applies prisma/migrations, then the price catalogue is loaded.
FROM runtime AS migrate
CMD ["sh", "-c", "cd services/gateway && npx prisma migrate deploy --config ../../prisma.config.ts && node dist/src/setup/prepare-database.cli.js --catalog-only"]
