--[[
  enqueueFires: enqueue QTasks tasks for a batch of qtab fires, in one script call.

  Each fire is handled exactly as a single enqueue: the task is written as QTasks'
  `app.add_task` writes it (qtasks-protocol.md §2), the task hash first, then the queue entry,
  and (mode `fire`) the entry's cursor advances so that each (entry id, nominal fire instant)
  is enqueued at most once across any number of replicas. Fires are processed in call order,
  so a later fire sees what an earlier one wrote (its cursor, its task for overlap=skip), and
  the RPUSHes happen in call order. Redis runs the whole call as one unit: a crash can never
  leave half a task, nor half a batch. Callers keep batches to a few hundred fires so that one
  call never holds the server for long.

  The number of KEYS varies (3 per fire): callers pass numkeys = 3 × n, n = number of fires.

  Input, for fire i = 1..n (k = 3 × (i - 1), a = 1 + 11 × (i - 1)):
    KEYS[k+1]  entry state hash         qtab:{app}:entry:{id}
    KEYS[k+2]  new task hash            {app}:{uuid}
    KEYS[k+3]  queue list               {app}:{queue}

    ARGV[1]     mode                    'fire' (scheduled: cursor check + advance) or
                                        'trigger' (manual: no cursor check, cursor untouched);
                                        one mode for the whole call
    ARGV[a+1]   fire instant            ms since the Unix epoch, integer text; the nominal
                                        instant in mode 'fire' (dedup identity), informational
                                        in mode 'trigger'
    ARGV[a+2]   schedule signature      'tz schedule' text (mode 'fire'; ignored for 'trigger')
    ARGV[a+3]   overlap policy          'allow' or 'skip' (skip while the entry's previous task
                                        hash has status 'new' or 'process')
    ARGV[a+4]   uuid                    lower-case UUID v4 of the new task
    ARGV[a+5]   task_name               QTasks task name (no ':')
    ARGV[a+6]   priority                integer text, e.g. '0', '-5'
    ARGV[a+7]   args                    JSON array text, Python json.dumps style
    ARGV[a+8]   kwargs                  JSON object text, Python json.dumps style
    ARGV[a+9]   qtab_id                 entry id, stored in the task hash
    ARGV[a+10]  qtab_fire               ARGV[a+1] as ISO-8601 UTC with ms, stored in the task hash
    ARGV[a+11]  queue entry             '{task_name}:{uuid}:{priority}'

  Output: an array of n two-element arrays {code, detail}, in fire order:
    1  ENQUEUED          detail = created_at written (epoch seconds, decimal text)
    2  DUPLICATE         detail = current cursor (ms text); fire <= cursor, nothing written
    3  OVERLAP_SKIPPED   detail = uuid of the previous task still new/process; cursor advanced
                         to the fire (mode 'fire') so the skipped fire is never replayed
    4  SCHEDULE_CHANGED  detail = signature stored in Redis; another replica runs a different
                         schedule for this id, nothing written
  Errors (redis error replies, 'ERR qtab enqueueFires: ...'): unknown mode, KEYS/ARGV counts
  that don't fit n fires, a fire instant that is not a number, a task hash that already exists
  (or the same task key twice in one call). All are checked before anything is written, so an
  error reply means the call wrote nothing.

  created_at comes from Redis TIME, read per fire just before its HSET, not from the client:
  all replicas then stamp tasks from one clock (QTasks orders its in-process queue by
  created_at), and the stamp is the instant the hash is really written. Format: Python
  repr(time.time())-like, e.g. '1796313071.401366'.

  The previous task's key (overlap check) is read from the state hash, where an earlier call
  stored its own task key verbatim: no key name is built inside this script. It is not
  declared in KEYS, which standalone Redis allows (Redis Cluster is unsupported: DESIGN §6).
]]
local FIRE_ARGS = 11
local mode = ARGV[1]
local n = #KEYS / 3

if mode ~= 'fire' and mode ~= 'trigger' then
  return redis.error_reply('ERR qtab enqueueFires: unknown mode ' .. tostring(mode))
end
if #KEYS % 3 ~= 0 or #ARGV ~= 1 + FIRE_ARGS * n then
  return redis.error_reply('ERR qtab enqueueFires: ' .. #KEYS .. ' keys and ' .. #ARGV .. ' args do not fit 3 keys and '
    .. FIRE_ARGS .. ' args per fire')
end

-- Checks first, writes after: an error reply never leaves part of a batch written.
local seen = {}
for i = 0, n - 1 do
  local taskKey = KEYS[3 * i + 2]
  if not tonumber(ARGV[2 + FIRE_ARGS * i]) then
    return redis.error_reply('ERR qtab enqueueFires: fire instant is not a number: ' .. tostring(ARGV[2 + FIRE_ARGS * i]))
  end
  if seen[taskKey] or redis.call('EXISTS', taskKey) == 1 then
    return redis.error_reply('ERR qtab enqueueFires: task hash already exists: ' .. taskKey)
  end
  seen[taskKey] = true
end

local isFire = mode == 'fire'
local replies = {}
for i = 0, n - 1 do
  local stateKey, taskKey, queueKey = KEYS[3 * i + 1], KEYS[3 * i + 2], KEYS[3 * i + 3]
  local a = 1 + FIRE_ARGS * i
  local fire, signature, overlap = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  local reply

  local stored = redis.call('HMGET', stateKey, 'sig', 'cursor', 'last_task_key', 'last_uuid')
  if isFire then
    if stored[1] and stored[1] ~= signature then
      reply = {4, stored[1]}
    elseif stored[2] and tonumber(fire) <= tonumber(stored[2]) then
      reply = {2, stored[2]}
    end
  end

  if not reply and overlap == 'skip' and stored[3] then
    local status = redis.call('HGET', stored[3], 'status')
    if status == 'new' or status == 'process' then
      if isFire then
        redis.call('HSET', stateKey, 'sig', signature, 'cursor', fire)
      end
      reply = {3, stored[4] or ''}
    end
  end

  if not reply then
    local time = redis.call('TIME')
    local createdAt = time[1] .. '.' .. string.format('%06d', tonumber(time[2]))
    createdAt = string.gsub(createdAt, '0+$', '')
    if string.sub(createdAt, -1) == '.' then
      createdAt = createdAt .. '0'
    end

    -- Field order is QTasks' TaskStatusNewSchema order, then qtab's two extra fields.
    redis.call('HSET', taskKey,
      'task_name', ARGV[a + 5],
      'priority', ARGV[a + 6],
      'args', ARGV[a + 7],
      'kwargs', ARGV[a + 8],
      'created_at', createdAt,
      'updated_at', createdAt,
      'status', 'new',
      'qtab_id', ARGV[a + 9],
      'qtab_fire', ARGV[a + 10])
    redis.call('RPUSH', queueKey, ARGV[a + 11])

    if isFire then
      redis.call('HSET', stateKey,
        'last_uuid', ARGV[a + 4],
        'last_task_key', taskKey,
        'last_enqueued_at', createdAt,
        'sig', signature,
        'cursor', fire,
        'last_fire', fire)
    else
      redis.call('HSET', stateKey,
        'last_uuid', ARGV[a + 4],
        'last_task_key', taskKey,
        'last_enqueued_at', createdAt)
    end
    reply = {1, createdAt}
  end
  replies[i + 1] = reply
end
return replies
