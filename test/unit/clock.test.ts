import { describe, expect, it } from 'vitest';

import { ManualClock } from '../../common/clock.js';

describe('ManualClock', () => {
  it('fires timers in time order as it advances, repeating ones as often as they fall due, and never a cancelled one', () => {
    const clock = new ManualClock('2026-01-01T00:00:00.000Z');
    const fired: string[] = [];
    clock.after(300, () => fired.push(`once@${clock.iso()}`));
    const stop = clock.every(100, () => fired.push(`tick@${clock.now().getTime() % 1000}`));
    const cancel = clock.after(150, () => fired.push('cancelled'));
    cancel();
    clock.advance(250);
    expect(fired).toEqual(['tick@100', 'tick@200']);
    expect(clock.iso()).toBe('2026-01-01T00:00:00.250Z');
    clock.advance(100);
    // Two timers due at the same moment fire in the order they were set, as setTimeout's do.
    expect(fired).toEqual(['tick@100', 'tick@200', 'once@2026-01-01T00:00:00.300Z', 'tick@300']);
    stop();
    clock.advance(1000);
    expect(fired).toHaveLength(4);
    expect(clock.pending).toBe(0);
  });
});
