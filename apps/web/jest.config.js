// The web app's component and service specs (`*.ng.spec.ts`, and those of libs/live-angular): the Angular runtime, zoneless as the app runs,
// in jsdom (`npm run test:web`). The root config's `unit` project runs the app's framework-free specs and skips these.
const path = require('node:path');
const { createCjsPreset } = require('jest-preset-angular/presets');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../../tsconfig.json');

const repoRoot = path.resolve(__dirname, '../..');

module.exports = {
  // Angular's .mjs packages are compiled to CommonJS by the preset's transformer (esbuild).
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  // jsdom through the preset's own environment (jest-environment-jsdom is not installed).
  testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  displayName: 'web',
  rootDir: __dirname,
  // The Angular glue library's specs need the same Angular environment.
  roots: ['<rootDir>/src', `${repoRoot}/libs/live-angular/src`],
  testMatch: ['**/*.ng.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: `${repoRoot}/` }),
};
