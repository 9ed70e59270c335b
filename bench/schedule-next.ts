// ns per Schedule.next() call and the cost of `qtab next -n 5` on 10,000 entries.
// Run: npx tsx bench/schedule-next.ts
import {compileSchedule} from '../src/schedule/compile.js'

function nsPerNext(expr: string, tz: string, calls: number): string {
  const schedule = compileSchedule(expr, {tz, seed: 'bench'}).schedule
  if (!schedule) throw new Error(expr)
  let t = Date.parse('2027-01-01T00:00:00Z')
  for (let i = 0; i < 1000; i++) t = schedule.next(t) ?? t // warm-up, fills the zone cache
  // Restart every `lap` calls so the run stays inside the warmed years: steady-state cost,
  // not the one-off zone scan of each new year (~1 ms per zone-year).
  const start = Date.parse('2027-01-01T00:00:00Z')
  const lap = 500
  const started = process.hrtime.bigint()
  for (let i = 0; i < calls; i++) t = i % lap === 0 ? start : (schedule.next(t) ?? start)
  const ns = Number(process.hrtime.bigint() - started) / calls
  return `${ns.toFixed(0).padStart(6)} ns/op  ${expr} (${tz})`
}

console.log(nsPerNext('0 9 * * *', 'UTC', 200_000))
console.log(nsPerNext('* * * * * *', 'UTC', 1_000_000))
console.log(nsPerNext('30 2 * * *', 'America/New_York', 200_000))
console.log(nsPerNext('0 * * * *', 'America/New_York', 200_000))
console.log(nsPerNext('* * * * * *', 'Europe/Berlin', 1_000_000))
console.log(nsPerNext('*/10 * * * * *', 'Australia/Lord_Howe', 1_000_000))
console.log(nsPerNext('0 0 LW * *', 'Europe/Berlin', 50_000))

const zones = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/Santiago',
  'Europe/London',
  'Asia/Tehran',
]
const exprs = [
  '0 9 * * MON-FRI',
  '*/10 * * * * *',
  '@hourly',
  '30 2 * * *',
  'H H * * *',
  '0 0 L * *',
  '@every 90s',
  '15 1 1W * *',
]
const started = performance.now()
const now = Date.parse('2027-03-13T12:00:00Z')
let count = 0
for (let i = 0; i < 10_000; i++) {
  const schedule = compileSchedule(exprs[i % exprs.length] as string, {
    tz: zones[i % zones.length] as string,
    seed: `entry-${i}`,
  }).schedule
  let t: number | null = now
  for (let k = 0; k < 5 && t !== null; k++, count++) t = schedule?.next(t) ?? null
}
console.log(
  `qtab next -n 5 core on 10,000 entries (${zones.length} zones, cold zone caches): ${(performance.now() - started).toFixed(0)} ms, ${count} fires`,
)
