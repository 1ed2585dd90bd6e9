import { describeError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import type { TaskOrder, UpdateHeader } from '../../common/task-order.js';
import { encodeTensors, type TensorEncoding } from '../../common/tensor-codec.js';
import { runSecureTask } from './secure-task.js';
import type { TaskDeps } from './task-deps.js';
import { phase, taskIds, trainForTask } from './train-for-task.js';

/** How a task ended at this site: an update delivered (accepted or rejected, with its receipt), metrics sent, or a failure reported. */
export type TaskOutcome = { kind: 'delivered'; accepted: boolean } | { kind: 'evaluated' } | { kind: 'failed'; reason: string };

/**
 * One task, start to end: the site's consent → the outbox (an update
 * trained before a restart is sent as it is) → fetch the model → local data
 * → evaluate, or train → privatize → outbox → deliver. Any failure is
 * reported to the coordinator with its reason and logged at the site.
 */
export async function runTask(task: TaskOrder, deps: TaskDeps): Promise<TaskOutcome> {
  const label = `task ${task.taskId} (run ${task.runId}, round ${task.round}${task.evaluateOnly ? ', evaluate' : ''})`;
  try {
    const spec = await deps.approve(task);
    // A secure-aggregation round: the update leaves masked, through the protocol's phases, never in the clear.
    if (task.secureAggregation && !task.evaluateOnly) return await runSecureTask(task, spec, label, deps);
    const waiting = task.evaluateOnly ? null : await deps.outbox.load(task.taskId);
    const update = waiting ?? (await work(task, spec, label, deps));
    if (!update) return { kind: 'evaluated' };
    const { header, container } = update;
    phase(task, 'uploading', deps);
    const receipt = await deps.deliver(task, header, container, label);
    await deps.log.append({ kind: 'update', ...header, receipt: { ...receipt } });
    await deps.outbox.remove(task.taskId);
    if (receipt.accepted) deps.logger.info(`${label}: update accepted (${container.length} bytes, receipt ${receipt.updateId})`, taskIds(task));
    else deps.logger.warn(`${label}: update rejected: ${receipt.reason}`, taskIds(task));
    return { kind: 'delivered', accepted: receipt.accepted };
  } catch (error) {
    const reason = describeError(error);
    deps.logger.warn(`${label} failed: ${reason}`, taskIds(task));
    deps.report({ kind: 'failure', taskId: task.taskId, reason });
    await deps.log.append({ kind: 'failure', taskId: task.taskId, runId: task.runId, round: task.round, reason });
    return { kind: 'failed', reason };
  }
}

/** Trains (or evaluates) and puts the update in the outbox before any byte of it is sent. */
async function work(task: TaskOrder, spec: RunSpec, label: string, deps: TaskDeps): Promise<{ header: UpdateHeader; container: Uint8Array } | null> {
  const trained = await trainForTask(task, spec, label, deps);
  if (!trained) return null;
  const encoding = task.updateEncoding as TensorEncoding;
  const update = encodeTensors(trained.outgoing, encoding);
  const header: UpdateHeader = {
    taskId: task.taskId,
    runId: task.runId,
    round: task.round,
    sampleCount: trained.sampleCount,
    metrics: trained.metrics,
    encoding,
    totalBytes: update.length,
    sha256: sha256Hex(update),
    baseModelVersionId: task.modelVersionId,
  };
  await deps.outbox.save(task.taskId, header, update);
  // Spent once it is bound to leave: an agent restarted mid-upload sends this one again without spending twice.
  await deps.recordSpend(task, spec, trained.trainCount);
  return { header, container: update };
}
