// esbuild inject: gives CommonJS bundles a value for `import.meta.url`.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
