// Copies the broker's Lua scripts next to the compiled JS (tsc only emits .ts sources).
import {cpSync, existsSync} from 'node:fs'

if (existsSync('src/broker/scripts')) cpSync('src/broker/scripts', 'dist/broker/scripts', {recursive: true})
