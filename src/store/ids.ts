import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/** UUID version 7 (RFC 9562): 48-bit Unix ms, then a 12-bit counter within the ms, then random bits. Monotonic per process. */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  const r = randomBytes(8);
  const hex = ms.toString(16).padStart(12, '0');
  const c = (0x7000 | counter).toString(16);
  const v = ((r[0]! & 0x3f) | 0x80).toString(16).padStart(2, '0') + r.subarray(1, 2).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${c}-${v}-${r.subarray(2, 8).toString('hex')}`;
}
