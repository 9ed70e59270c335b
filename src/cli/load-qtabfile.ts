import {readQtabfile} from '../qtabfile/read.js'
import type {ParseResult} from '../qtabfile/types.js'

/** Reads and parses a Qtabfile with the real schedule engine. Throws QtabfileReadError (exit 2). */
export function loadQtabfile(path: string, defaultTz: string): Promise<ParseResult> {
  return readQtabfile(path, {defaultTz})
}
