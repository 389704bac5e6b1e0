import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../../dist/esm/index.js';

test('delays double from the first up to the cap, each between half the step and the step', () => {
  const lowest = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000, random: () => 0 });
  const highest = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 });

  const low = Array.from({ length: 6 }, () => lowest.next());
  const high = Array.from({ length: 6 }, () => highest.next());

  assert.deepEqual(low, [50, 100, 200, 400, 500, 500]);
  assert.deepEqual(high, [100, 200, 400, 800, 1000, 1000]);
});

test('jitter spreads clients that retry at the same step', () => {
  const delays = new Set(Array.from({ length: 50 }, () => new Backoff({ initialDelayMs: 1000 }).next()));

  assert.ok(delays.size > 10, `only ${delays.size} distinct delays`);
  for (const delay of delays) assert.ok(delay >= 500 && delay <= 1000, `delay ${delay}`);
});

test('reset starts over from the first delay', () => {
  const backoff = new Backoff({ initialDelayMs: 100, random: () => 0 });
  backoff.next();
  backoff.next();
  assert.equal(backoff.attempts, 2);

  backoff.reset();

  assert.equal(backoff.next(), 50);
});

test('bad settings are refused', () => {
  assert.throws(() => new Backoff({ initialDelayMs: 10, maxDelayMs: 5 }), RangeError);
  assert.throws(() => new Backoff({ factor: 0.5 }), RangeError);
});
