import { describe, expect, it } from 'vitest';

import { ContainerScanner } from '../../common/container-scan.js';
import { type RunSpec, runSpecSchema } from '../../common/run-spec.schema.js';
import type { UpdateHeader } from '../../common/task-order.js';
import { encodeTensors } from '../../common/tensor-codec.js';
import type { Round, Task } from '../../coordinator/domain/records.js';
import { clipFactorFor, judgeTask, judgeUpdate, type UploadScan } from '../../coordinator/domain/update-judgement.js';

const layout = [
  { name: 'w', shape: [2, 2] },
  { name: 'b', shape: [2] },
];
/** A scanned upload whose values are `w` and `b`. */
function upload(w: number[], b: number[]): UploadScan {
  const bytes = encodeTensors([
    { name: 'w', shape: [2, 2], values: Float32Array.from(w) },
    { name: 'b', shape: [2], values: Float32Array.from(b) },
  ]);
  const scanner = new ContainerScanner(bytes.length);
  scanner.feed(bytes);
  const { result } = scanner.finish();
  if (!result.ok) throw new Error(result.reason);
  return { ok: true, scan: result.scan };
}
const spec = (updateChecks: Record<string, unknown> = {}): RunSpec =>
  runSpecSchema.parse({
    name: 'judge',
    model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 2, batch_input_shape: [null, 2] } }] } },
    classes: ['a', 'b'],
    rounds: 1,
    updateChecks,
  });
const AT = Date.parse('2026-01-01T00:05:00.000Z');
const task: Task = {
  id: 't1',
  runId: 'r1',
  roundId: 'round-1',
  roundNumber: 1,
  siteId: 'site-a',
  status: 'sent',
  sentAt: '',
  finishedAt: null,
  reason: null,
  instructions: null,
};
const round: Round = {
  id: 'round-1',
  runId: 'r1',
  number: 1,
  kind: 'train',
  status: 'collecting',
  baseModelVersionId: 'v0',
  resultModelVersionId: null,
  quorum: 1,
  target: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  deadlineAt: '2026-01-01T00:10:00.000Z',
  completedAt: null,
  metrics: null,
  error: null,
};
const header: UpdateHeader = {
  taskId: 't1',
  runId: 'r1',
  round: 1,
  sampleCount: 10,
  metrics: {},
  encoding: 'float32',
  totalBytes: 0,
  sha256: 'x',
  baseModelVersionId: 'v0',
};
const base = { layout, l2Norm: 1 };
// ‖[3, 0, 0, 4, 0, 0]‖ = 5
const five = upload([3, 0, 0, 4], [0, 0]);

describe('judgeUpdate', () => {
  it('accepts a fitting update with its norm and no clipping', () => {
    expect(judgeUpdate('site-a', header, five, task, round, spec(), base, AT)).toEqual({ accept: true, l2Norm: 5, clipFactor: 1 });
  });

  it('accepts an update over maxNorm with the factor that clips it to the bound, when the run clips', () => {
    expect(judgeUpdate('site-a', header, five, task, round, spec({ maxNorm: 2, onExceed: 'clip' }), base, AT)).toEqual({
      accept: true,
      l2Norm: 5,
      clipFactor: 0.4,
    });
    expect(clipFactorFor(1.5, { maxNorm: 2, onExceed: 'clip' })).toBe(1);
  });

  it('rejects an update over maxNorm when the run rejects', () => {
    expect(judgeUpdate('site-a', header, five, task, round, spec({ maxNorm: 2 }), base, AT)).toEqual({
      accept: false,
      reason: 'update L2 norm 5.00000 exceeds updateChecks.maxNorm 2; this run rejects larger updates (onExceed: reject)',
    });
  });

  it('rejects an update beyond the sanity bound of maxRelativeNorm × max(model norm, √parameters)', () => {
    // √6 = 2.449…, the bound is 2 × 2.449… = 4.899 < 5.
    expect(judgeUpdate('site-a', header, five, task, round, spec({ maxRelativeNorm: 2 }), base, AT)).toEqual({
      accept: false,
      reason:
        'update L2 norm 5.00000 exceeds the sanity bound 4.89898 (updateChecks.maxRelativeNorm 2 × max(model norm 1.00000, √parameters 2.44949)); an update this large is corrupt or hostile. If it is genuine, raise updateChecks.maxRelativeNorm, or set it to null',
    });
    expect(judgeUpdate('site-a', header, five, task, round, spec({ maxRelativeNorm: 2 }), { layout, l2Norm: 3 }, AT)).toMatchObject({ accept: true });
  });

  it('rejects a non-finite value, a wrong layout, a stale base model, and no samples, each with its reason', () => {
    expect(judgeUpdate('site-a', header, upload([Number.NaN, 0, 0, 0], [0, 0]), task, round, spec(), base, AT)).toEqual({
      accept: false,
      reason: 'tensor "w" holds a non-finite value (NaN) at index 0',
    });
    expect(judgeUpdate('site-a', header, five, task, round, spec(), { layout: [layout[1]!, layout[0]!], l2Norm: 1 }, AT)).toEqual({
      accept: false,
      reason: 'tensor 0 is "w", expected "b"',
    });
    expect(judgeUpdate('site-a', { ...header, baseModelVersionId: 'v9' }, five, task, round, spec(), base, AT)).toEqual({
      accept: false,
      reason: 'update was computed against model v9, round 1 distributed v0',
    });
    expect(judgeUpdate('site-a', { ...header, sampleCount: 0 }, five, task, round, spec(), base, AT)).toEqual({
      accept: false,
      reason: 'sample count must be positive',
    });
    expect(judgeUpdate('site-a', header, { ok: false, reason: 'update SHA-256 mismatch' }, task, round, spec(), base, AT)).toEqual({
      accept: false,
      reason: 'update SHA-256 mismatch',
    });
  });

  it('judges only the tensors the task shares', () => {
    const sharedOnly = upload([3, 0, 0, 4], [0, 0]);
    const partial = { ...task, instructions: { proximalMu: 0, hyperParameters: {}, sharedTensors: ['b'] } };
    expect(judgeUpdate('site-a', header, sharedOnly, partial, round, spec(), base, AT)).toEqual({
      accept: false,
      reason: 'update has 2 tensors, the model has 1',
    });
  });
});

describe('judgeTask', () => {
  it('names why a task may not be answered: unknown, another site, another run or round, duplicate, late', () => {
    expect(judgeTask('site-a', header, null, null, AT, 'train')).toBe('unknown task t1');
    expect(judgeTask('site-b', header, task, round, AT, 'train')).toBe('task t1 was assigned to another site');
    expect(judgeTask('site-a', { ...header, runId: 'r2' }, task, round, AT, 'train')).toBe('task t1 belongs to run r1, not r2');
    expect(judgeTask('site-a', { ...header, round: 2 }, task, round, AT, 'train')).toBe('task t1 is for round 1, not round 2');
    expect(judgeTask('site-a', header, task, round, AT, 'evaluate')).toBe('task t1 is a training task');
    expect(judgeTask('site-a', header, { ...task, status: 'accepted' }, round, AT, 'train')).toBe('duplicate: task t1 already has an accepted update');
    expect(judgeTask('site-a', header, { ...task, status: 'expired' }, { ...round, status: 'completed' }, AT, 'train')).toBe(
      'late: round 1 is completed and task t1 is expired',
    );
    expect(judgeTask('site-a', header, task, round, Date.parse('2026-01-01T00:10:00.001Z'), 'train')).toBe(
      'late: round 1 is past its deadline and task t1 is sent',
    );
    expect(judgeTask('site-a', header, task, round, AT, 'train')).toBeNull();
  });
});
