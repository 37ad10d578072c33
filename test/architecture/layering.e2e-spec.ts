import { importsOf, sourceFiles } from './source-tree';

/** Each import that breaks a layering rule, as "file -> import". */
function upwardImports(files: string[], isForbidden: (imported: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter(isForbidden).map((imported) => `${file} -> ${imported}`));
}

describe('layering of the source tree', () => {
  // The web app's layers (docs/architecture.md): core (app-wide singletons) < shared (presentational) <
  // features, with the shell (layout/) composing core and shared beside app.ts. Each imports only from below.
  const web = 'apps/web/src/app';
  const from = (...folders: string[]) => (imported: string) => folders.some((folder) => imported.startsWith(`${web}/${folder}/`));

  it("keeps the web app's core/ free of imports from shared/, features/ and layout/", () => {
    const core = sourceFiles(`${web}/core`);
    expect(core.length).toBeGreaterThan(10);
    expect(upwardImports(core, from('shared', 'features', 'layout'))).toEqual([]);
  });

  it("keeps the web app's shared/ free of imports from features/ and layout/", () => {
    const shared = sourceFiles(`${web}/shared`);
    expect(shared.length).toBeGreaterThan(10);
    expect(upwardImports(shared, from('features', 'layout'))).toEqual([]);
  });

  it("keeps the web app's shell (layout/) free of imports from features/", () => {
    const layout = sourceFiles(`${web}/layout`);
    expect(layout.length).toBeGreaterThan(0);
    expect(upwardImports(layout, from('features'))).toEqual([]);
  });

  it('keeps libs/ free of imports from apps/', () => {
    const libs = sourceFiles('libs');
    expect(libs.length).toBeGreaterThan(10);
    expect(upwardImports(libs, (imported) => imported.startsWith('apps/'))).toEqual([]);
  });

  // The live library's face is its index.ts (docs/architecture.md); its insides are for tests and benches.
  it('keeps apps/ on the public face of the live library', () => {
    const shipped = sourceFiles('apps').filter((file) => !/\.(ng\.)?spec\.ts$/.test(file));
    expect(upwardImports(shipped, (imported) => imported.startsWith('@conduit/live-server/') || imported.startsWith('libs/live-server/'))).toEqual([]);
  });

  // Test helpers live in test/support, outside what `npm run build` compiles; only specs may reach them.
  it('keeps what the build ships free of imports from test/', () => {
    const shipped = [...sourceFiles('apps'), ...sourceFiles('libs')].filter((file) => !/\.(ng\.)?spec\.ts$/.test(file));
    expect(upwardImports(shipped, (imported) => imported.startsWith('test/'))).toEqual([]);
  });
});
