#!/usr/bin/env -S node --import tsx --no-warnings
// Development entry: runs src/*.ts through tsx, no build step needed.
import {rmSync} from 'node:fs'
import {execute} from '@oclif/core'

// oclif uses oclif.manifest.json even in development mode, and its paths point at dist/:
// drop it so commands are discovered (and loaded) from src/.
rmSync(new URL('../oclif.manifest.json', import.meta.url), {force: true})
await execute({development: true, dir: import.meta.url})
