// One Jest run: fast unit specs beside the code, e2e suites (servers, databases, browser) in test/.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  testEnvironment: 'node',
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
    '^.+\\.m?js$': '<rootDir>/test/jest/esm-to-cjs.transformer.js',
  },
  // ESM-only packages that Jest must compile to CommonJS; everything else in node_modules is CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@apidevtools)/)'],
};

module.exports = {
  // Servers, databases and browsers on a shared 2-core machine: give each test room (a global
  // option: Jest ignores it inside a project), never a sleep.
  testTimeout: 60_000,
  projects: [
    // The web app's framework-free pieces (reducers, cookies, errors) run here, without the Angular runtime;
    // its `*.ng.spec.ts` (components, services) run in the `web` project.
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.ng\\.spec\\.ts$'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    '<rootDir>/apps/web/jest.config.js',
  ],
};
