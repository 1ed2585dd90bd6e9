import { z } from 'zod';

import { countsOf, type DataProfile, dataProfileSchema } from '../../../common/data-profile.schema.js';
import { ConsiliumError } from '../../../common/errors.js';
import { SHA256_HEX } from '../../../common/hashing.js';
import { type SecAggDownMessage, secAggDownToWire, secAggUpFromWire, type SecAggUpMessage } from '../../../common/secure-aggregation/secagg-wire.js';
import {
  CONSENT_STATES,
  type RunOffer,
  type SiteConsent,
  type SiteHello,
  TASK_PHASES,
  type TaskOrder,
  type TaskProgress,
  type UpdateHeader,
  type UpdateReceipt,
} from '../../../common/task-order.js';
import { TENSOR_ENCODINGS } from '../../../common/tensor-codec.js';
import { consilium } from '../../../proto/gen/consilium.js';
import { siteIdSchema } from '../../services/site.service.js';

// Generated types stop here: every inbound message is turned into a plain
// object with defaults filled in, checked by zod, and mapped to a domain type.
const plain = (message: object, type: { toObject(m: never, o: object): object }): unknown =>
  type.toObject(message as never, { defaults: true, arrays: true, objects: true, longs: Number });

const count = z.number().int().nonnegative();

const helloSchema = z.object({
  siteId: siteIdSchema,
  agentVersion: z.string().max(64),
  protocol: z.literal('consilium.v1', { message: 'protocol must be "consilium.v1"; upgrade the site agent' }),
  backend: z.object({ name: z.string().min(1).max(32), device: z.string().max(256), notes: z.array(z.string().max(1000)).max(20) }),
  dataset: z.object({
    kind: z.string().max(32),
    trainSamples: count,
    validationSamples: count,
    classes: z.array(z.string().max(256)).max(10_000),
    classCounts: z.array(count).max(10_000),
    inputShape: z.array(count).max(8),
    skippedFiles: count,
    fingerprint: z.string().max(64),
  }),
  dataProfileJson: z.string().max(4 * 1024 * 1024),
});

/**
 * The profile in a hello, checked: its shape, and that no count lies below
 * the minimum cell size it claims (defence in depth behind the site's guard).
 * A bad profile is dropped with the reason; it never refuses the connection.
 */
function profileFrom(json: string): { profile: DataProfile | null; profileProblem: string | null } {
  if (json === '') return { profile: null, profileProblem: null };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { profile: null, profileProblem: 'data_profile_json is not valid JSON' };
  }
  const parsed = dataProfileSchema.safeParse(raw);
  if (!parsed.success) return { profile: null, profileProblem: ConsiliumError.fromZod('data profile', parsed.error).message };
  const k = parsed.data.privacy?.minCellSize;
  if (k === undefined) return { profile: null, profileProblem: "data profile carries no privacy section: it did not pass the site's privacy guard" };
  const small = countsOf(parsed.data).find(({ value }) => value > 0 && value < k);
  if (small) return { profile: null, profileProblem: `data profile holds ${small.path} = ${small.value}, below its own minimum cell size ${k}` };
  return { profile: parsed.data, profileProblem: null };
}

export function helloFromProto(message: consilium.v1.IHello | null | undefined): SiteHello {
  if (!message) throw new ConsiliumError('INVALID_ARGUMENT', 'the first message on Connect must be a hello');
  const result = helloSchema.safeParse(plain(message, consilium.v1.Hello));
  if (!result.success) throw ConsiliumError.fromZod('hello', result.error);
  const { dataProfileJson, ...hello } = result.data;
  return { ...hello, ...profileFrom(dataProfileJson) };
}

const updateHeaderSchema = z.object({
  taskId: z.string().min(1).max(64),
  runId: z.string().min(1).max(64),
  round: z.number().int().positive(),
  sampleCount: count.max(2 ** 31 - 1),
  metrics: z.record(z.string().max(64), z.number()),
  encoding: z.enum(TENSOR_ENCODINGS),
  totalBytes: count.min(1, 'totalBytes must be positive'),
  sha256: z.string().regex(SHA256_HEX, 'sha256 must be 64 lower-case hex digits'),
  baseModelVersionId: z.string().min(1).max(64),
  offset: count,
});

/** The header, and the byte offset its stream starts at (a resumed upload). */
export function updateHeaderFromProto(message: consilium.v1.IUpdateHeader): { header: UpdateHeader; offset: number } {
  const result = updateHeaderSchema.safeParse(plain(message, consilium.v1.UpdateHeader));
  if (!result.success) throw ConsiliumError.fromZod('update header', result.error);
  const { offset, ...header } = result.data;
  if (offset > header.totalBytes) throw new ConsiliumError('INVALID_ARGUMENT', `update header: offset ${offset} is past totalBytes ${header.totalBytes}`);
  return { header, offset };
}

const uploadStatusSchema = z.object({
  taskId: z.string().min(1).max(64),
  sha256: z.string().regex(SHA256_HEX, 'sha256 must be 64 lower-case hex digits'),
});

export function uploadStatusRequestFromProto(message: consilium.v1.IUploadStatusRequest): z.infer<typeof uploadStatusSchema> {
  const result = uploadStatusSchema.safeParse(plain(message, consilium.v1.UploadStatusRequest));
  if (!result.success) throw ConsiliumError.fromZod('upload status request', result.error);
  return result.data;
}

const evaluationSchema = z.object({
  taskId: z.string().min(1).max(64),
  sampleCount: count,
  metrics: z.record(z.string().max(64), z.number()),
  localTensors: z.instanceof(Uint8Array),
});

/** An evaluation result; its local tensors (a personalised model's, FedBN) only when it carries any. */
export function evaluationFromProto(
  message: consilium.v1.IEvaluationResult,
): Omit<z.infer<typeof evaluationSchema>, 'localTensors'> & { localTensors?: Uint8Array } {
  const result = evaluationSchema.safeParse(plain(message, consilium.v1.EvaluationResult));
  if (!result.success) throw ConsiliumError.fromZod('evaluation result', result.error);
  const { localTensors, ...rest } = result.data;
  return localTensors.length > 0 ? { ...rest, localTensors } : rest;
}

const progressSchema = z.object({
  taskId: z.string().min(1).max(64),
  phase: z.enum(TASK_PHASES, { message: `phase must be one of ${TASK_PHASES.join(', ')}` }),
  epoch: z.number().int().min(0).max(100_000),
  epochs: z.number().int().min(0).max(100_000),
  fraction: z.number().min(0).max(1),
});

export function progressFromProto(message: consilium.v1.ITaskProgress): TaskProgress {
  const result = progressSchema.safeParse(plain(message, consilium.v1.TaskProgress));
  if (!result.success) throw ConsiliumError.fromZod('task progress', result.error);
  return result.data;
}

const consentSchema = z.object({
  runId: z.string().min(1).max(64),
  specSha256: z.string().regex(SHA256_HEX, 'spec_sha256 must be 64 lower-case hex digits'),
  state: z.enum(CONSENT_STATES, { message: `state must be one of ${CONSENT_STATES.join(', ')}` }),
  reason: z.string().max(4000),
});

export function consentFromProto(message: consilium.v1.IConsent): SiteConsent {
  const result = consentSchema.safeParse(plain(message, consilium.v1.Consent));
  if (!result.success) throw ConsiliumError.fromZod('consent', result.error);
  return result.data;
}

export function offerToProto(offer: RunOffer): consilium.v1.IRunOffer {
  return { ...offer };
}

export function taskToProto(order: TaskOrder): consilium.v1.ITaskAssignment {
  return {
    taskId: order.taskId,
    runId: order.runId,
    round: order.round,
    modelVersionId: order.modelVersionId,
    modelSha256: order.modelSha256,
    modelBytes: order.modelBytes,
    modelTopologyJson: order.modelTopologyJson,
    hyperParameters: {
      localEpochs: order.localEpochs,
      batchSize: order.batchSize,
      optimizer: order.optimizer,
      learningRate: order.learningRate,
      loss: order.loss,
    },
    deadlineUnixMs: order.deadlineUnixMs,
    updateEncoding: order.updateEncoding,
    seed: order.seed,
    evaluateOnly: order.evaluateOnly,
    classes: order.classes,
    proximalMu: order.proximalMu,
    sharedTensors: order.sharedTensors,
    preprocessingJson: JSON.stringify(order.preprocessing),
    runSpecSha256: order.runSpecSha256,
    classWeights: order.classWeights,
    shareLocalTensors: order.shareLocalTensors,
    secureAggregationJson: order.secureAggregation ? JSON.stringify(order.secureAggregation) : '',
  };
}

/** A site's secure-aggregation message, checked; the site is the caller's certificate's, whatever the message says. */
export function secAggFromProto(message: consilium.v1.ISecAggUp, siteId: string): { taskId: string; message: SecAggUpMessage } {
  const taskId = z.string().min(1).max(64).safeParse(message.taskId);
  if (!taskId.success) throw ConsiliumError.fromZod('secure aggregation message task_id', taskId.error);
  const object = consilium.v1.SecAggUp.toObject(message as consilium.v1.SecAggUp, { defaults: true, arrays: true, objects: true, longs: Number });
  return { taskId: taskId.data, message: secAggUpFromWire(object, siteId) };
}

export function secAggToProto(taskId: string, message: SecAggDownMessage): consilium.v1.ISecAggDown {
  return { taskId, ...secAggDownToWire(message) };
}

export function receiptToProto(receipt: UpdateReceipt): consilium.v1.IUpdateReceipt {
  return { ...receipt };
}
