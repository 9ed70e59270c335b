--[[
  enqueueFire-3: enqueue one QTasks task for one qtab entry, atomically.

  Writes the task exactly as QTasks' `app.add_task` does (qtasks-protocol.md §2): the task hash
  first, then the queue entry, and (mode `fire`) advances the entry's cursor so that each
  (entry id, nominal fire instant) is enqueued at most once across any number of replicas.
  Redis runs the script as one unit, so a crash can never leave half a task.

  Input:
    KEYS[1]  entry state hash         qtab:{app}:entry:{id}
    KEYS[2]  new task hash            {app}:{uuid}
    KEYS[3]  queue list               {app}:{queue}

    ARGV[1]  mode                     'fire' (scheduled: cursor check + advance) or
                                      'trigger' (manual: no cursor check, cursor untouched)
    ARGV[2]  fire instant             ms since the Unix epoch, integer text; the nominal
                                      instant in mode 'fire' (dedup identity), informational
                                      in mode 'trigger'
    ARGV[3]  schedule signature       'tz schedule' text (mode 'fire'; ignored for 'trigger')
    ARGV[4]  overlap policy           'allow' or 'skip' (skip while the entry's previous task
                                      hash has status 'new' or 'process')
    ARGV[5]  uuid                     lower-case UUID v4 of the new task
    ARGV[6]  task_name                QTasks task name (no ':')
    ARGV[7]  priority                 integer text, e.g. '0', '-5'
    ARGV[8]  args                     JSON array text, Python json.dumps style
    ARGV[9]  kwargs                   JSON object text, Python json.dumps style
    ARGV[10] qtab_id                  entry id, stored in the task hash
    ARGV[11] qtab_fire                ARGV[2] as ISO-8601 UTC with ms, stored in the task hash
    ARGV[12] queue entry              '{task_name}:{uuid}:{priority}'

  Output: a two-element array {code, detail}
    1  ENQUEUED          detail = created_at written (epoch seconds, decimal text)
    2  DUPLICATE         detail = current cursor (ms text); fire <= cursor, nothing written
    3  OVERLAP_SKIPPED   detail = uuid of the previous task still new/process; cursor advanced
                         to the fire (mode 'fire') so the skipped fire is never replayed
    4  SCHEDULE_CHANGED  detail = signature stored in Redis; another replica runs a different
                         schedule for this id, nothing written
  Errors (redis error replies, 'ERR qtab enqueueFire: ...'): unknown mode, task hash exists.

  created_at comes from Redis TIME, not the client: all replicas then stamp tasks from one
  clock (QTasks orders its in-process queue by created_at), and the stamp is the instant the
  hash is really written. Format: Python repr(time.time())-like, e.g. '1796313071.401366'.

  The previous task's key (overlap check) is read from the state hash, where an earlier call
  stored its own KEYS[2] verbatim: no key name is built inside this script. It is not declared
  in KEYS, which standalone Redis allows (Redis Cluster is unsupported: DESIGN §6).
]]
local stateKey, taskKey, queueKey = KEYS[1], KEYS[2], KEYS[3]
local mode, fire, signature, overlap = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

if mode ~= 'fire' and mode ~= 'trigger' then
  return redis.error_reply('ERR qtab enqueueFire: unknown mode ' .. tostring(mode))
end

if mode == 'fire' then
  local stored = redis.call('HMGET', stateKey, 'sig', 'cursor')
  if stored[1] and stored[1] ~= signature then
    return {4, stored[1]}
  end
  if stored[2] and tonumber(fire) <= tonumber(stored[2]) then
    return {2, stored[2]}
  end
end

if overlap == 'skip' then
  local previousKey = redis.call('HGET', stateKey, 'last_task_key')
  if previousKey then
    local status = redis.call('HGET', previousKey, 'status')
    if status == 'new' or status == 'process' then
      if mode == 'fire' then
        redis.call('HSET', stateKey, 'sig', signature, 'cursor', fire)
      end
      return {3, redis.call('HGET', stateKey, 'last_uuid') or ''}
    end
  end
end

if redis.call('EXISTS', taskKey) == 1 then
  return redis.error_reply('ERR qtab enqueueFire: task hash already exists: ' .. taskKey)
end

local time = redis.call('TIME')
local createdAt = time[1] .. '.' .. string.format('%06d', tonumber(time[2]))
createdAt = string.gsub(createdAt, '0+$', '')
if string.sub(createdAt, -1) == '.' then
  createdAt = createdAt .. '0'
end

-- Field order is QTasks' TaskStatusNewSchema order, then qtab's two extra fields.
redis.call('HSET', taskKey,
  'task_name', ARGV[6],
  'priority', ARGV[7],
  'args', ARGV[8],
  'kwargs', ARGV[9],
  'created_at', createdAt,
  'updated_at', createdAt,
  'status', 'new',
  'qtab_id', ARGV[10],
  'qtab_fire', ARGV[11])
redis.call('RPUSH', queueKey, ARGV[12])

redis.call('HSET', stateKey,
  'last_uuid', ARGV[5],
  'last_task_key', taskKey,
  'last_enqueued_at', createdAt)
if mode == 'fire' then
  redis.call('HSET', stateKey, 'sig', signature, 'cursor', fire, 'last_fire', fire)
end
return {1, createdAt}
