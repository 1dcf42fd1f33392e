// Two projects: unit tests (beside the code, no I/O) and integration tests (real PostgreSQL, real HTTP).
// Workspace packages resolve to their TypeScript sources so tests never run against a stale build.
const workspacePackages = {
  contracts: 'packages/contracts',
  'http-kit': 'packages/http-kit',
  forecasting: 'packages/forecasting',
  pricing: 'packages/pricing',
  'demo-data': 'packages/demo-data',
  sdk: 'packages/sdk',
  gateway: 'services/gateway',
  forecaster: 'services/forecaster',

};

const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleNameMapper: {
    ...Object.fromEntries(Object.entries(workspacePackages).map(([name, dir]) => [`^@finops/${name}$`, `<rootDir>/${dir}/src/index.ts`])),
    // dev-postgres forks its compiled CLI, so tests use its build like the launcher does.
    '^@finops/dev-postgres$': '<rootDir>/tools/dev-postgres/dist/src/index.js',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,services,tools}/*/src/**/*.test.ts', '<rootDir>/{packages,services,tools}/*/test/unit/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{packages,services,tools}/*/test/integration/**/*.int.test.ts'],
      globalSetup: '<rootDir>/test-support/global-setup.js',
      globalTeardown: '<rootDir>/test-support/global-teardown.js',
    },
  ],
  // Jest reads testTimeout from the global config only (a project's own value is ignored, leaving 5 s): integration
  // tests start databases and child processes, and all suites share two cores.
  testTimeout: 30_000,
};
