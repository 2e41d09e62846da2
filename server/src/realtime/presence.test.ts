import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../bus/bus.ts';
import { Presence, presenceDelayMs } from './presence.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Presence', () => {
  const stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  function watch(node: string, bus = createMemoryBus()) {
    const told: Array<{ groupId: string; online: string[] }> = [];
    const presence = new Presence(node, bus, (groupId, online) => told.push({ groupId, online }));
    // As the chat gateway does: the group channel's events reach presence.
    const unsubscribe = bus.subscribe('group:g', (payload) => presence.onBusEvent('g', payload));
    stops.push(() => {
      unsubscribe();
      presence.stop();
    });
    return { presence, told, bus };
  }

  it('tells a burst of arrivals once, with everyone, and announces this node once', async () => {
    const { presence, told, bus } = watch('node-a');
    const announced: unknown[] = [];
    bus.subscribe('group:g', (payload) => {
      if ((payload as { type: string }).type === 'presence.announce') announced.push(payload);
    });
    const people = Array.from({ length: 100 }, (_, index) => `user-${String(index).padStart(3, '0')}`);
    for (const person of people) presence.add('g', person);
    expect(told).toHaveLength(0);
    expect(presence.online('g')).toEqual(people);
    await wait(presenceDelayMs(100) + 50);
    expect(told).toEqual([{ groupId: 'g', online: people }]);
    expect(announced).toHaveLength(1);
  });

  it('tells the list after someone leaves and comes back within the window, though it looks the same', async () => {
    const { presence, told } = watch('node-a');
    presence.add('g', 'anna');
    await wait(presenceDelayMs(1) + 50);
    presence.remove('g', 'anna');
    presence.add('g', 'anna');
    await wait(presenceDelayMs(1) + 50);
    expect(told).toEqual([
      { groupId: 'g', online: ['anna'] },
      { groupId: 'g', online: ['anna'] },
    ]);
  });

  it('sees the users of another node on the same bus', async () => {
    const bus = createMemoryBus();
    const first = watch('node-a', bus);
    const second = watch('node-b', bus);
    first.presence.add('g', 'anna');
    second.presence.add('g', 'bo');
    await wait(presenceDelayMs(2) + 100);
    expect(first.presence.online('g')).toEqual(['anna', 'bo']);
    expect(second.told.at(-1)).toEqual({ groupId: 'g', online: ['anna', 'bo'] });
  });

  it('waits longer in bigger groups, up to a second', () => {
    expect(presenceDelayMs(2)).toBeLessThan(100);
    expect(presenceDelayMs(500)).toBeGreaterThan(presenceDelayMs(50));
    expect(presenceDelayMs(10_000)).toBe(1000);
  });
});
