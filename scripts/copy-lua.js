// Copies the broker's Lua scripts to dist/scripts, where the bundled broker code (in dist/chunks
// or dist/commands) finds them (src/broker/scripts.ts, loadScript).
import {cpSync} from 'node:fs'

cpSync('src/broker/scripts', 'dist/scripts', {recursive: true})
