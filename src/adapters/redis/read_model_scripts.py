"""The Lua scripts behind `RedisReadModelStore`: each check-and-set runs atomically inside Redis.

KEYS (one hash tag: the entity's shard): 1 the shard's epoch, 2 generation, 3 lease, 4 document (5: the
applied-event marker for INVALIDATE).
A lease's value is "<version tag>|<token>": a lease taken for an older version is void and may be replaced.
No lease is granted for a version that is already filled (a late miss must not load it again).
"""

from __future__ import annotations

_VERSION = """
local tag = (redis.call('GET', KEYS[1]) or '0') .. '.' .. (redis.call('GET', KEYS[2]) or '0')
"""

READ = (
    _VERSION
    + """
local doc = redis.call('HMGET', KEYS[4], 'v', 'b')
if doc[1] == tag then return {tag, doc[2]} end
return {tag}
"""
)

ACQUIRE = (
    _VERSION
    + """
if tag ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[4], 'v') == tag then return 0 end
local current = redis.call('GET', KEYS[3])
if current and string.sub(current, 1, #tag + 1) == tag .. '|' then return 0 end
redis.call('SET', KEYS[3], tag .. '|' .. ARGV[2], 'PX', ARGV[3])
return 1
"""
)

FILL = (
    _VERSION
    + """
local mine = ARGV[1] .. '|' .. ARGV[2]
local holds = redis.call('GET', KEYS[3]) == mine
if holds then redis.call('DEL', KEYS[3]) end
if tag ~= ARGV[1] or not holds then return 0 end
redis.call('DEL', KEYS[4])
redis.call('HSET', KEYS[4], 'v', tag, 'b', ARGV[3])
if tonumber(ARGV[4]) > 0 then redis.call('EXPIRE', KEYS[4], ARGV[4]) end
redis.call('PUBLISH', ARGV[5], ARGV[6] .. '|' .. tag)
return 1
"""
)

RELEASE = """
local current = redis.call('GET', KEYS[1])
if current and string.sub(current, -#ARGV[1] - 1) == '|' .. ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
"""

INVALIDATE = """
if ARGV[1] ~= '' then
  if not redis.call('SET', KEYS[5], '1', 'NX', 'EX', ARGV[2]) then return 0 end
end
local generation = redis.call('INCR', KEYS[2])
redis.call('DEL', KEYS[3], KEYS[4])
redis.call('PUBLISH', ARGV[3], ARGV[4] .. '|' .. (redis.call('GET', KEYS[1]) or '0') .. '.' .. generation)
return 1
"""
