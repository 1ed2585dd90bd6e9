import { z } from 'zod';

import { ConsiliumError } from '../../common/errors.js';
import { SHA256_HEX } from '../../common/hashing.js';
import { taskPreprocessingSchema } from '../../common/preprocessing.schema.js';
import type { RunOffer, TaskOrder } from '../../common/task-order.js';
import { TENSOR_ENCODINGS } from '../../common/tensor-codec.js';
import { consilium } from '../../proto/gen/consilium.js';

// The agent checks what the coordinator sends as strictly as the coordinator
// checks sites: a malformed task is refused with a reason, not half-run.
const taskSchema = z.object({
  taskId: z.string().min(1),
  runId: z.string().min(1),
  round: z.number().int().positive(),
  modelVersionId: z.string().min(1),
  modelSha256: z.string().regex(SHA256_HEX),
  modelBytes: z.number().int().positive(),
  modelTopologyJson: z.string().min(2),
  classes: z.array(z.string().min(1)).min(1),
  hyperParameters: z.object({
    localEpochs: z.number().int().min(1),
    batchSize: z.number().int().min(1),
    optimizer: z.string().min(1),
    learningRate: z.number().positive(),
    loss: z.string().min(1),
  }),
  deadlineUnixMs: z.number().int().nonnegative(),
  updateEncoding: z.enum(TENSOR_ENCODINGS),
  seed: z.number().int().nonnegative(),
  evaluateOnly: z.boolean(),
  proximalMu: z.number().min(0).max(100),
  sharedTensors: z.array(z.string().min(1)),
  preprocessingJson: z.string(),
  runSpecSha256: z.string().regex(SHA256_HEX, 'run_spec_sha256 must name the run spec the task belongs to'),
  classWeights: z.array(z.number().positive().finite()).max(10_000),
  shareLocalTensors: z.boolean(),
  secureAggregationJson: z.string(),
});

const secureAggregationSchema = z.strictObject({
  roundId: z.string().min(1).max(128),
  threshold: z.number().int().min(2),
  reconstruction: z.number().int().min(2).max(255),
  vectorLength: z
    .number()
    .int()
    .min(2)
    .max(64 * 2 ** 20),
  fixedPoint: z.strictObject({ scale: z.number().int().min(1), clippingRange: z.number().positive() }),
  maxWeight: z.number().int().min(1),
  phaseSeconds: z
    .number()
    .positive()
    .max(24 * 3600),
});

const offerSchema = z.object({
  runId: z.string().min(1),
  name: z.string(),
  specSha256: z.string().regex(SHA256_HEX),
  specJson: z.string().min(2),
  status: z.string(),
  createdAt: z.string(),
});

export function offerFromProto(message: consilium.v1.IRunOffer): RunOffer {
  const plain = consilium.v1.RunOffer.toObject(message as consilium.v1.RunOffer, { defaults: true });
  const result = offerSchema.safeParse(plain);
  if (!result.success) throw ConsiliumError.fromZod('run offer', result.error);
  return result.data;
}

export function taskFromProto(message: consilium.v1.ITaskAssignment): TaskOrder {
  const plain = consilium.v1.TaskAssignment.toObject(message as consilium.v1.TaskAssignment, { defaults: true, arrays: true, longs: Number });
  const result = taskSchema.safeParse(plain);
  if (!result.success) throw ConsiliumError.fromZod('task assignment', result.error);
  const { hyperParameters, preprocessingJson, secureAggregationJson, ...rest } = result.data;
  let preprocessing: unknown;
  try {
    preprocessing = preprocessingJson === '' ? {} : JSON.parse(preprocessingJson);
  } catch {
    throw new ConsiliumError('INVALID_ARGUMENT', 'task assignment: preprocessing_json is not valid JSON');
  }
  const checked = taskPreprocessingSchema.safeParse(preprocessing);
  if (!checked.success) throw ConsiliumError.fromZod('task assignment preprocessing_json', checked.error);
  if (rest.classWeights.length > 0 && rest.classWeights.length !== rest.classes.length) {
    throw new ConsiliumError('INVALID_ARGUMENT', `task assignment: ${rest.classWeights.length} class weights for ${rest.classes.length} classes`);
  }
  return { ...rest, ...hyperParameters, preprocessing: checked.data, secureAggregation: secureAggregationOf(secureAggregationJson) };
}

function secureAggregationOf(json: string): TaskOrder['secureAggregation'] {
  if (json === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConsiliumError('INVALID_ARGUMENT', 'task assignment: secure_aggregation_json is not valid JSON');
  }
  const checked = secureAggregationSchema.safeParse(parsed);
  if (!checked.success) throw ConsiliumError.fromZod('task assignment secure_aggregation_json', checked.error);
  return checked.data;
}
