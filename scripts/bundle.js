// Rebundles what tsc emitted: dist/cli.js (oclif's execute) and every dist/commands/*.js become
// ESM entry points sharing chunks in dist/chunks, written over the tsc output so oclif's
// pattern discovery, the manifest and dev mode (src/commands) stay as they are. Startup of
// `qtab lint` drops by ~50 ms: Node 20 has no compile cache, and resolving and compiling ~200
// modules cost more than a few files; `lint` no longer parses luxon, cronstrue or the broker.
// ioredis stays external: it is imported lazily, only by commands that talk to Redis.
import {readdirSync} from 'node:fs'
import {build} from 'esbuild'

const commands = readdirSync('dist/commands')
  .filter((f) => f.endsWith('.js'))
  .map((f) => `dist/commands/${f}`)

await build({
  entryPoints: ['dist/cli.js', ...commands],
  outdir: 'dist',
  outbase: 'dist',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  external: ['ioredis', 'typescript', 'tsx', 'ts-node'],
  // oclif and other CommonJS dependencies call require(): give the ESM chunks one.
  banner: {
    js: "import {createRequire as __qtabRequire} from 'node:module'; const require = __qtabRequire(import.meta.url);",
  },
  logLevel: 'warning',
})
