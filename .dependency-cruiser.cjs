// Architecture rules checked in CI (`npm run check`): the dependency direction of the house style.
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'packages-never-import-services',
      comment: 'Shared packages are libraries; services and tools depend on them, never the reverse.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^(services|tools)/' },
    },
    {
      name: 'forecasting-is-pure',
      comment: 'The forecasting maths has no HTTP, configuration, database or file I/O.',
      severity: 'error',
      from: { path: '^packages/forecasting/src' },
      to: {
        dependencyTypes: ['npm', 'core', 'local'],
        pathNot: ['^packages/forecasting/', 'node_modules/simple-statistics'],
      },
    },
    {
      name: 'prisma-only-in-repositories-and-db',
      comment: 'Only repositories and db/ talk to the database (Prisma client or pg).',
      severity: 'error',
      from: {
        path: '^services/gateway/src/',
        pathNot: ['^services/gateway/src/db/', '\\.repository\\.ts$', '^services/gateway/src/main\\.ts$'],
      },
      to: { path: ['^services/gateway/src/db/generated/', 'node_modules/(@prisma/client|pg|@prisma/adapter-pg)/'] },
    },
    {
      name: 'services-do-not-import-each-other',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/dist/', '/generated/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
