#!/usr/bin/env node
const {execute} = await import('../dist/cli.js')

await execute({dir: import.meta.url})
