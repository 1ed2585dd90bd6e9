import { ConsiliumError, describeError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import { maskedBytes, type SecAggUpMessage } from '../../common/secure-aggregation/secagg-wire.js';
import { addInputNoise, distributedNoiseStdDev, weightedInput } from '../../common/secure-aggregation/weighted-input.js';
import { gaussian, secureUniform } from '../../common/secure-random.js';
import type { TaskOrder } from '../../common/task-order.js';
import { SecAggSite } from '../secure-aggregation/secagg-site.js';
import type { TaskDeps } from './task-deps.js';
import { phase, taskIds, trainForTask } from './train-for-task.js';

type SecAggChannel = ReturnType<TaskDeps['secureAggregation']['open']>;

/**
 * A training task of a secure-aggregation round (see common/secure-aggregation):
 * the site advertises fresh keys at once and shares its secrets with its
 * neighbours while it trains; then it masks its update (with its weight)
 * and sends only that; when the round's collection ends it reveals the
 * shares that remove the masks, never both shares of one neighbour. Its keys
 * live in this task only: an agent restarted mid-round drops out of the
 * round, which the protocol survives while enough sites remain.
 */
export async function runSecureTask(
  task: TaskOrder,
  spec: RunSpec,
  label: string,
  deps: TaskDeps,
): Promise<{ kind: 'delivered'; accepted: true } | { kind: 'evaluated' }> {
  const settings = task.secureAggregation!;
  const site = new SecAggSite(deps.siteId, settings);
  const channel = deps.secureAggregation.open(task.taskId);
  const send = (message: SecAggUpMessage) => channel.send(message);
  // The coordinator closes each exchange within phaseSeconds; twice that covers a late start.
  const phaseMs = settings.phaseSeconds * 2000;
  let revealing: Promise<void> | null = null;
  try {
    send({ kind: 'advert', advert: site.advertise() });
    const handshake = (async () => {
      const { roster } = await channel.next('roster', phaseMs);
      send({ kind: 'shares', bundle: await site.shareKeys(roster) });
      const { inbox } = await channel.next('inbox', phaseMs);
      const complaints = site.receive(inbox);
      for (const complaint of complaints)
        deps.logger.warn(`${label}: the share ${complaint.accused} sealed for this site is malformed; the coordinator is told`, taskIds(task));
    })();
    // Training runs while the keys are exchanged; a failed exchange still ends the task with its reason.
    handshake.catch(() => undefined);
    const trained = await trainForTask(task, spec, label, deps);
    if (!trained) return { kind: 'evaluated' };
    await handshake;
    const values = trained.outgoing.flatMap((t) => Array.from(t.values));
    if (values.length + 1 !== settings.vectorLength) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `secure aggregation: the update has ${values.length} values, the round expects ${settings.vectorLength - 1}`,
      );
    }
    const uniform = secureUniform();
    const weighted = addInputNoise(weightedInput(values, trained.trainCount, settings.maxWeight), distributedNoiseStdDev(spec), () => gaussian(uniform));
    const input = site.mask(weighted);
    await deps.recordSpend(task, spec, trained.trainCount);
    phase(task, 'uploading', deps);
    send({ kind: 'masked', input, sampleCount: trained.sampleCount, metrics: trained.metrics });
    await deps.log.append({
      kind: 'masked-update',
      taskId: task.taskId,
      runId: task.runId,
      round: task.round,
      words: input.masked.length,
      sha256: sha256Hex(maskedBytes(input.masked)),
      sampleCount: trained.sampleCount,
      metrics: trained.metrics,
      complaints: input.complaints.map((c) => c.accused),
    });
    deps.logger.info(`${label}: masked update sent (${input.masked.length} words); the shares are revealed when the coordinator asks`, taskIds(task));
    // The unmasking comes when the whole round's collection ends; the agent takes its next orders meanwhile.
    revealing = revealWhenAsked(task, site, channel, phaseMs, label, deps);
    return { kind: 'delivered', accepted: true };
  } finally {
    if (!revealing) channel.close();
  }
}

/** Waits for the coordinator's unmask request (at most the round's deadline and one phase) and reveals; ends the exchange. */
async function revealWhenAsked(task: TaskOrder, site: SecAggSite, channel: SecAggChannel, phaseMs: number, label: string, deps: TaskDeps): Promise<void> {
  try {
    const untilDeadline = Math.max(0, task.deadlineUnixMs - deps.clock.now().getTime());
    const { request } = await channel.next('unmask', untilDeadline + phaseMs);
    const reveal = site.reveal(request);
    channel.send({ kind: 'reveal', reveal });
    await deps.log.append({
      kind: 'secagg-reveal',
      taskId: task.taskId,
      runId: task.runId,
      round: task.round,
      selfMaskSharesOf: reveal.selfMaskShares.map((s) => s.of),
      keySharesOf: reveal.keyShares.map((s) => s.of),
    });
    deps.logger.info(`${label}: revealed the shares that unmask the sum of ${request.survivors.length} sites`, taskIds(task));
  } catch (error) {
    deps.logger.warn(`${label}: no unmasking: ${describeError(error)}`, taskIds(task));
  } finally {
    channel.close();
  }
}
