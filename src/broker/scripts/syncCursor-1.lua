--[[
  syncCursor-1: adopt or start an entry's cursor when a replica first sees the entry (start-up,
  reload). The first replica to see an entry, or a changed schedule, starts the cursor at its
  "now" so nothing old is replayed (DESIGN §3); later replicas adopt the stored cursor.

  Input:
    KEYS[1]  entry state hash         qtab:{app}:entry:{id}
    ARGV[1]  schedule signature       'tz schedule' text
    ARGV[2]  now                      ms since the Unix epoch, integer text

  Output: a two-element array {code, cursor}
    0  KEPT    stored signature equals ARGV[1]: cursor = stored cursor (ms text)
    1  RESET   no state, no cursor or a different signature: cursor set to ARGV[2], signature
               stored; cursor = ARGV[2]
]]
local stateKey, signature, now = KEYS[1], ARGV[1], ARGV[2]
local stored = redis.call('HMGET', stateKey, 'sig', 'cursor')
if stored[1] == signature and stored[2] then
  return {0, stored[2]}
end
redis.call('HSET', stateKey, 'sig', signature, 'cursor', now)
return {1, now}
