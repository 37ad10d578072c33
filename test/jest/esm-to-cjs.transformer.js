// Nest 12 ships ES modules only. Node 20 can require() them, but Jest's CommonJS runtime supports
// require(esm) only from Node 24.9, so under Jest we compile those packages to CommonJS once (cached).
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code } = transformSync(source, {
      format: 'cjs',
      target: 'node20',
      loader: 'js',
      sourcefile: filename,
      sourcemap: 'inline',
      define: { 'import.meta.url': '__esmImportMetaUrl' },
      banner: 'var __esmImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    });
    return { code };
  },
};
