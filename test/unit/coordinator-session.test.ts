import { EventEmitter } from 'node:events';

import type * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';

import { ManualClock } from '../../common/clock.js';
import type { CoordinatorOrder } from '../../common/task-order.js';
import { consilium } from '../../proto/gen/consilium.js';
import { CoordinatorSession, type SessionConnection } from '../../site-agent/session/coordinator-session.js';
import { agentHello } from '../support/agent-hello.js';

/** A stream the test drives: it records what the agent writes and answers when told. */
class FakeStream extends EventEmitter {
  readonly written: consilium.v1.ISiteMessage[] = [];
  write(message: consilium.v1.ISiteMessage): boolean {
    this.written.push(message);
    return true;
  }
  cancel(): void {
    this.emit('error', Object.assign(new Error('cancelled'), { details: 'Cancelled on client' }));
  }
}

const hello = agentHello('site-a');
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the coordinator session, on a clock the test moves', () => {
  it('says hello, beats its heart at the asked interval, and reconnects after a backoff when the stream breaks', async () => {
    const clock = new ManualClock();
    const streams: FakeStream[] = [];
    const connection: SessionConnection = {
      client: {
        connect: () => (
          streams.push(new FakeStream()),
          streams.at(-1)! as unknown as grpc.ClientDuplexStream<consilium.v1.ISiteMessage, consilium.v1.CoordinatorMessage>
        ),
      },
      tryRenewal: async () => false,
    };
    const orders: CoordinatorOrder[] = [];
    const logged: string[] = [];
    const session = new CoordinatorSession(
      connection,
      { coordinator: 'c:1', siteId: 'site-a', reconnect: { initialDelayMs: 1000, maxDelayMs: 8000 } },
      { hello: () => hello, connecting: () => undefined, onOrder: (o) => orders.push(o) },
      clock,
      { info: (m) => logged.push(m), warn: (m) => logged.push(m) },
    );
    const running = session.run();
    await settle();
    expect(streams).toHaveLength(1);
    expect(streams[0]!.written[0]!.hello?.siteId).toBe('site-a');

    streams[0]!.emit('data', consilium.v1.CoordinatorMessage.create({ welcome: { siteId: 'site-a', heartbeatIntervalMs: 5000 } }));
    streams[0]!.emit('data', consilium.v1.CoordinatorMessage.create({ cancel: { taskId: 't1', reason: 'enough updates' } }));
    clock.advance(15_000);
    expect(streams[0]!.written.filter((m) => m.heartbeat).map((m) => m.heartbeat!.sentAtUnixMs)).toEqual(
      [5000, 10_000, 15_000].map((ms) => Date.parse('2026-01-01T00:00:00.000Z') + ms),
    );
    expect(orders).toEqual([{ kind: 'cancel', taskId: 't1', reason: 'enough updates' }]);

    // The break comes after a welcome: the first wait is initialDelayMs, drawn from its upper half.
    streams[0]!.emit('end');
    await settle();
    const wait = Number(/reconnecting in (\d+) ms/.exec(logged.at(-1)!)![1]);
    expect(wait).toBeGreaterThanOrEqual(500);
    expect(wait).toBeLessThanOrEqual(1000);
    clock.advance(wait - 1);
    await settle();
    expect(streams).toHaveLength(1);
    // The log rounds the wait to whole milliseconds; two more pass it either way.
    clock.advance(2);
    await settle();
    expect(streams).toHaveLength(2);
    expect(streams[1]!.written[0]!.hello?.siteId).toBe('site-a');

    session.stop();
    await running;
    expect(clock.pending).toBe(0);
  });
});
