import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;
// random bits drawn 64 KiB at a time: one randomBytes call per UUID costs ~6 µs, which a million-row import feels
const pool = Buffer.alloc(65536);
let poolAt = pool.length;
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The time part of the UUID ("tttttttt-tttt-"), made again only when the millisecond changes. */
let timePrefix = '';
/** "7ccc" for each 12-bit counter value. */
const versionCounter = Array.from({ length: 0x1000 }, (_, i) => (0x7000 | i).toString(16));

/** UUID version 7 (RFC 9562): 48-bit Unix ms, a 12-bit counter within the ms, then random bits. Monotonic per process. */
export function uuidv7(): string {
  const now = Date.now();
  if (now <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
      timePrefix = prefixOf(lastMs);
    }
  } else {
    lastMs = now;
    counter = 0;
    timePrefix = prefixOf(now);
  }
  if (poolAt + 8 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 8;
  return (
    timePrefix +
    versionCounter[counter]! +
    '-' +
    hex[(pool[r]! & 0x3f) | 0x80]! +
    hex[pool[r + 1]!]! +
    '-' +
    hex[pool[r + 2]!]! +
    hex[pool[r + 3]!]! +
    hex[pool[r + 4]!]! +
    hex[pool[r + 5]!]! +
    hex[pool[r + 6]!]! +
    hex[pool[r + 7]!]!
  );
}

function prefixOf(ms: number): string {
  const t = ms.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-`;
}
