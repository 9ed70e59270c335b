const NAME = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat)'
/** One value: a number or name, optionally `L`/`W`/`#n` (`5L`, `15W`, `MON#2`); or `L`, `LW`, `*`, `?`, `H`, `H(a-b)`. */
const ATOM = `(?:(?:\\d+|${NAME})(?:[lw]|#\\d+)?|lw?|\\*|\\?|h(?:\\(\\d+-\\d+\\))?)`
const ITEM = `${ATOM}(?:-${ATOM})?(?:/\\d+)?`
const FIELD = new RegExp(`^${ITEM}(?:,${ITEM})*$`, 'i')

/**
 * True when `text` has the shape of a cron field in any position (`5`, `*`, `MON`, `0/5`,
 * `1-5/2`, `L`, `5L`, `15W`, `MON#2`, `?`, `H`, `H(0-29)/10`, lists of these; any case).
 * Shape only, not ranges: `99` is a field token. This decides the 5-vs-6-field split and
 * rejects task names that could be read as a field (DESIGN §1).
 */
export function isCronFieldToken(text: string): boolean {
  return text.length <= 512 && FIELD.test(text)
}
