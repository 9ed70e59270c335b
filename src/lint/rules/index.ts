import type {EntryRule} from '../types.js'
import {atPast} from './at-past.js'
import {domDowOr} from './dom-dow-or.js'
import {dst} from './dst.js'
import {jitterInterval, misfireGrace} from './policy-timing.js'

/** Every rule that runs over clean entries, after the parser's own checks. */
export const ENTRY_RULES: readonly EntryRule[] = [atPast, domDowOr, dst, misfireGrace, jitterInterval]
