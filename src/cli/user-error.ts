/**
 * An error the user can fix (bad file, bad flag, unreachable Redis): commands print its message
 * alone, with no stack trace, and exit with `exitCode`.
 */
export class UserError extends Error {
  override name = 'UserError'
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message)
  }
}
