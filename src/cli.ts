// The CLI's entry: oclif's `execute`, imported by bin/run.js. `npm run build` bundles it and each
// command (src/commands) with esbuild, sharing chunks, so a run loads a few files instead of
// ~200 modules and only the code of the command it runs; ioredis stays outside, loaded lazily.
export {execute} from '@oclif/core'
