// The Node side: fast unit specs beside the code, e2e suites (servers, databases, browser) in test/.
// Nest 12 ships ES modules only; Jest loads them natively with require(esm), which needs Node 24.9+
// and --experimental-vm-modules (`npm run jest` passes it). The Angular specs have a config of their
// own (apps/web/jest.config.js, `npm run test:web`): under that flag Jest would load Angular's .mjs as
// ES modules, which the Angular preset compiles to CommonJS.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  testEnvironment: 'node',
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
  },
};

module.exports = {
  // Servers, databases and browsers on a shared 2-core machine: give each test room (a global
  // option: Jest ignores it inside a project), never a sleep.
  testTimeout: 60_000,
  projects: [
    // The web app's framework-free pieces (reducers, cookies, errors) run here, without the Angular runtime;
    // its `*.ng.spec.ts` (components, services) run under apps/web/jest.config.js.
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.ng\\.spec\\.ts$'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
