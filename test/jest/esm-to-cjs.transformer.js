// Nest 12 ships ES modules only. Node 20 can require() them, but Jest's CommonJS runtime supports
// require(esm) only from Node 24.9, so under Jest we compile those packages to CommonJS once (cached).
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync } = require('esbuild');

const ownSource = readFileSync(__filename);

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha1').update(ownSource).update(filename).update(source).digest('hex');
  },
  process(source, filename) {
    const { code } = transformSync(source, {
      format: 'cjs',
      target: 'node20',
      loader: 'js',
      sourcefile: filename,
      sourcemap: 'inline',
      // Jest's CommonJS runtime cannot run import(): turn it into require() as well.
      supported: { 'dynamic-import': false },
      // import.meta.resolve: @nestjs/terminus checks its optional peers with it.
      define: { 'import.meta.url': '__esmImportMetaUrl', 'import.meta.resolve': '__esmImportMetaResolve' },
      banner:
        'var __esmImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' +
        'var __esmImportMetaResolve = (specifier) => require("node:url").pathToFileURL(require.resolve(specifier)).href;',
    });
    return { code };
  },
};
