import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';

import { ConsiliumError } from '../../common/errors.js';
import { fromGrpcError } from '../../common/grpc-errors.js';
import { consilium } from '../../proto/gen/consilium.js';
import { backoffMs } from '../../site-agent/session/backoff.js';
import { helloToProto, orderFromProto, reportToProto } from '../../site-agent/transport/site-message.mapper.js';
import { agentHello } from '../support/agent-hello.js';

const serviceError = (code: grpc.status, details: string) =>
  Object.assign(new Error(`${code} ${grpc.status[code]}: ${details}`), { code, details, metadata: new grpc.Metadata() });

describe('errors crossing gRPC', () => {
  it('come back to the site as the one error type, with the coordinator message', () => {
    const error = fromGrpcError(serviceError(grpc.status.PERMISSION_DENIED, 'task t1 was assigned to another site'));
    expect(error).toBeInstanceOf(ConsiliumError);
    expect([(error as ConsiliumError).code, (error as ConsiliumError).message]).toEqual(['PERMISSION_DENIED', 'task t1 was assigned to another site']);
    expect((fromGrpcError(serviceError(grpc.status.CANCELLED, 'Cancelled on client')) as ConsiliumError).code).toBe('UNAVAILABLE');
    expect((fromGrpcError(serviceError(grpc.status.UNKNOWN, 'boom')) as ConsiliumError).code).toBe('INTERNAL');
    const plain = new Error('not from the wire');
    expect(fromGrpcError(plain)).toBe(plain);
  });
});

describe('backoff', () => {
  it('doubles from the first wait, caps, and draws from the upper half', () => {
    const top = () => 1;
    const bottom = () => 0;
    expect([0, 1, 2, 3, 10].map((attempt) => backoffMs(attempt, 250, 10_000, top))).toEqual([250, 500, 1000, 2000, 10_000]);
    expect(backoffMs(2, 250, 10_000, bottom)).toBe(500);
    expect(backoffMs(1000, 1000, 60_000, top)).toBe(60_000);
  });
});

describe('the site messages on the wire', () => {
  it('map the agent reports and hello to the protobuf the coordinator decodes', () => {
    expect(reportToProto({ kind: 'failure', taskId: 't1', reason: 'out of memory' })).toEqual({ failure: { taskId: 't1', reason: 'out of memory' } });
    expect(reportToProto({ kind: 'heartbeat', sentAtUnixMs: 5 })).toEqual({ heartbeat: { sentAtUnixMs: 5 } });
    const hello = helloToProto(agentHello('s'));
    expect(hello.hello?.dataProfileJson).toBe('');
    expect(consilium.v1.SiteMessage.verify(hello)).toBeNull();
  });

  it('read a malformed task as a refusal that names it, and an unknown message as nothing', () => {
    const order = orderFromProto(consilium.v1.CoordinatorMessage.create({ task: { taskId: 't9', runId: 'r' } }));
    expect(order).toMatchObject({ kind: 'malformed-task', taskId: 't9' });
    expect((order as { reason: string }).reason).toMatch(/^invalid task assignment: round: /);
    expect(orderFromProto(consilium.v1.CoordinatorMessage.create({}))).toBeNull();
    expect(orderFromProto(consilium.v1.CoordinatorMessage.create({ cancel: { taskId: 't1', reason: 'round has its updates' } }))).toEqual({
      kind: 'cancel',
      taskId: 't1',
      reason: 'round has its updates',
    });
  });
});
