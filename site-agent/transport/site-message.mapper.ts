import { describeError } from '../../common/errors.js';
import { secAggDownFromWire, secAggUpToWire } from '../../common/secure-aggregation/secagg-wire.js';
import type { AgentHello, CoordinatorOrder, SiteReport, UpdateHeader } from '../../common/task-order.js';
import { consilium } from '../../proto/gen/consilium.js';
import { offerFromProto, taskFromProto } from './task.mapper.js';

/** The agent's hello on the wire; the profile travels as JSON, as the coordinator's edge expects. */
export function helloToProto(hello: AgentHello): consilium.v1.ISiteMessage {
  const { profile, ...rest } = hello;
  return { hello: { ...rest, dataProfileJson: profile ? JSON.stringify(profile) : '' } };
}

export function reportToProto(report: SiteReport): consilium.v1.ISiteMessage {
  switch (report.kind) {
    case 'heartbeat':
      return { heartbeat: { sentAtUnixMs: report.sentAtUnixMs } };
    case 'progress':
      return { progress: report.progress };
    case 'consent':
      return { consent: report.consent };
    case 'failure':
      return { failure: { taskId: report.taskId, reason: report.reason } };
    case 'evaluation':
      return {
        evaluation: { taskId: report.taskId, sampleCount: report.sampleCount, metrics: report.metrics, localTensors: report.localTensors ?? new Uint8Array(0) },
      };
    case 'secagg':
      return { secAgg: { taskId: report.taskId, ...secAggUpToWire(report.message) } };
  }
}

export function updateHeaderToProto(header: UpdateHeader, offset: number): consilium.v1.IUpdateHeader {
  return { ...header, offset };
}

/** A coordinator message as the agent reads it, or null for one it does not know (a newer coordinator's). */
export function orderFromProto(message: consilium.v1.CoordinatorMessage): CoordinatorOrder | null {
  if (message.welcome) return { kind: 'welcome', heartbeatIntervalMs: message.welcome.heartbeatIntervalMs || 5000 };
  if (message.task) {
    try {
      return { kind: 'task', task: taskFromProto(message.task) };
    } catch (error) {
      return { kind: 'malformed-task', taskId: message.task.taskId ?? '', reason: describeError(error) };
    }
  }
  if (message.offer) {
    try {
      return { kind: 'offer', offer: offerFromProto(message.offer) };
    } catch (error) {
      return { kind: 'malformed-offer', reason: describeError(error) };
    }
  }
  if (message.cancel) return { kind: 'cancel', taskId: message.cancel.taskId ?? '', reason: message.cancel.reason ?? '' };
  if (message.secAgg) {
    const taskId = message.secAgg.taskId ?? '';
    try {
      const plain = consilium.v1.SecAggDown.toObject(message.secAgg as consilium.v1.SecAggDown, { defaults: true, arrays: true, objects: true, longs: Number });
      return { kind: 'secagg', taskId, message: secAggDownFromWire(plain) };
    } catch (error) {
      return { kind: 'malformed-secagg', taskId, reason: describeError(error) };
    }
  }
  return null;
}
