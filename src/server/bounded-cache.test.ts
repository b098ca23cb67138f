import { describe, expect, it } from 'vitest';
import { BoundedCache, Gate } from './bounded-cache.js';

const later = <T>(value: T, ms = 5) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('bounded cache', () => {
  it('Given more keys than entries When read Then the least recently used goes first', async () => {
    const c = new BoundedCache<string>({ maxEntries: 2 });
    await c.get('a', async () => 'A');
    await c.get('b', async () => 'B');
    await c.get('a', async () => 'A2'); // a hit: a is now the most recent
    await c.get('c', async () => 'C');
    expect(c.has('a')).toBe(true);
    expect(c.has('b')).toBe(false);
    expect(c.size).toBe(2);
  });

  it('Given a byte budget When values exceed it Then old ones are dropped and one larger than the whole is not kept', async () => {
    const c = new BoundedCache<string>({ maxEntries: 100, maxBytes: 10, sizeOf: (v) => v.length });
    await c.get('a', async () => 'xxxx');
    await c.get('b', async () => 'yyyy');
    await c.get('c', async () => 'zzzz');
    expect(c.heldBytes).toBeLessThanOrEqual(10);
    expect(c.has('a')).toBe(false);
    expect(await c.get('huge', async () => 'h'.repeat(11))).toBe('h'.repeat(11));
    expect(c.has('huge')).toBe(false);
    expect(c.heldBytes).toBe(8);
  });

  it('Given many requests for one key at once When computed Then the computation runs once and all share it', async () => {
    const c = new BoundedCache<number>({ maxEntries: 4 });
    let runs = 0;
    const values = await Promise.all(Array.from({ length: 20 }, () => c.get('k', () => later(++runs))));
    expect(runs).toBe(1);
    expect(new Set(values)).toEqual(new Set([1]));
  });

  it('Given a failing computation When asked again Then it is computed anew (failures are not kept)', async () => {
    const c = new BoundedCache<number>({ maxEntries: 4 });
    await expect(c.get('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(c.has('k')).toBe(false);
    expect(await c.get('k', async () => 7)).toBe(7);
  });

  it('Given entries of an old version When the version moves Then they are dropped, and an old computation in flight is not kept', async () => {
    const c = new BoundedCache<string>({ maxEntries: 10 });
    await c.get('1|a', async () => 'old', 1);
    const inFlight = c.get('1|b', () => later('old-b', 20), 1);
    c.dropOtherThan(2);
    expect(c.has('1|a')).toBe(false);
    expect(await inFlight).toBe('old-b'); // its caller still gets an answer
    expect(c.has('1|b')).toBe(false);
  });
});

describe('gate', () => {
  it('Given a limit of 2 When 10 tasks are started together Then never more than 2 run at once, all in order', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gate.run(async () => {
          started.push(i);
          most = Math.max(most, ++running);
          await later(null, 3);
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(gate.queued).toBe(0);
  });

  it('Given a failing task When it ends Then its slot passes on', async () => {
    const gate = new Gate(1);
    await expect(gate.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await gate.run(async () => 'next')).toBe('next');
  });

  it('Given a gated cache When 10 keys are asked at once Then at most the limit compute together', async () => {
    const gate = new Gate(1);
    const c = new BoundedCache<number>({ maxEntries: 3, gate });
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        c.get(String(i), async () => {
          most = Math.max(most, ++running);
          await later(null, 2);
          running--;
          return i;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(c.size).toBe(3);
  });
});
