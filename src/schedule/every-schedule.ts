import type {Schedule} from './types.js'

/**
 * `@every DURATION` (IntervalTrigger): fires at every multiple of the interval since the Unix
 * epoch, so all replicas agree and the zone plays no part. `@every 1h` fires on each UTC hour.
 */
export class EverySchedule implements Schedule {
  readonly kind = 'every'
  readonly source: string
  readonly tz: string
  /** Interval in whole seconds, ≥ 1. */
  readonly seconds: number

  constructor(source: string, tz: string, seconds: number) {
    this.source = source
    this.tz = tz
    this.seconds = seconds
  }

  /** Smallest multiple of the interval (ms) strictly after `after` (ms). Never null. */
  next(after: number): number {
    const ms = this.seconds * 1000
    return (Math.floor(after / ms) + 1) * ms
  }
}
