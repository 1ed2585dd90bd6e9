import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import type { ConsiliumError } from '../../common/errors.js';
import { type ModelTopology, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel } from '../../common/model-weights.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';
import { focalLoss, softDiceLoss } from '../../site-agent/training/losses.js';
import { evaluateLocally, type TrainingJob } from '../../site-agent/training/trainer.js';
import { graphSpec } from '../support/graph-spec.js';

describe('segmentation losses', () => {
  it('computes soft Dice over batch and pixels, per class, and focal loss, exactly', () => {
    // Two pixels, two classes: targets [1, 0] and [0, 1]; predictions [0.75, 0.25] and [0.5, 0.5].
    const y = tf.tensor4d([1, 0, 0, 1], [1, 1, 2, 2]);
    const p = tf.tensor4d([0.75, 0.25, 0.5, 0.5], [1, 1, 2, 2]);
    // Class 0: 2·0.75 / (1 + 1.25) = 2/3; class 1: 2·0.5 / (1 + 0.75) = 4/7; loss 1 − (2/3 + 4/7) / 2.
    expect(softDiceLoss(y, p).dataSync()[0]).toBeCloseTo(1 - (2 / 3 + 4 / 7) / 2, 6);
    // Per pixel −(1 − p)² log p of the true class: 0.25² · ln(4/3) and 0.5² · ln 2, averaged.
    expect(focalLoss(y, p).dataSync()[0]).toBeCloseTo((0.0625 * Math.log(4 / 3) + 0.25 * Math.LN2) / 2, 6);
    tf.dispose([y, p]);
  });

  it('evaluates a segmentation model with per-class pixel counts and Dice', async () => {
    await tf.setBackend('cpu');
    // A 1×1 convolution with zero kernel and biases (0, 1) predicts class 1 everywhere.
    const topology = normalizeTopology(
      graphSpec([2, 2, 1], [['pixels', 'Conv2D', { filters: 2, kernel_size: 1, activation: 'softmax' }, ['input']]]) as unknown as ModelTopology,
    );
    const model = await buildModel(topology);
    const weights = [
      { name: 'pixels/kernel', shape: [1, 1, 1, 2], values: new Float32Array(2) },
      { name: 'pixels/bias', shape: [2], values: Float32Array.from([0, 1]) },
    ];
    model.dispose();
    // One image, masks 0 1 / 1 1: class 1 has 3 true pixels, all 4 predicted; class 0 one true, none predicted.
    const rows = inMemoryRows(new Float32Array(4), Int32Array.from([0]), Int32Array.from([0, 1, 1, 1]));
    const job = { topology, weights, localEpochs: 1, batchSize: 4, optimizer: 'sgd', learningRate: 0.1, loss: 'dice', seed: 1 } as TrainingJob;
    const { metrics } = await evaluateLocally(job, { inputShape: [2, 2, 1], classCount: 2, train: rows, validation: rows });
    expect(metrics).toMatchObject({
      val_seg_intersection_0: 0,
      val_seg_predicted_0: 0,
      val_seg_actual_0: 1,
      val_seg_intersection_1: 3,
      val_seg_predicted_1: 4,
      val_seg_actual_1: 3,
      val_dice_0: 0,
      val_dice_1: 6 / 7,
      val_iou_1: 3 / 4,
      val_accuracy: 0.75,
    });
  });

  it('checks that the model fits the task, and the loss the task', () => {
    const issues = (patch: object) => {
      try {
        parseRunSpec({ name: 's', rounds: 1, classes: ['background', 'lesion'], ...patch });
      } catch (error) {
        return (error as ConsiliumError).issues;
      }
      return [];
    };
    const pixels = graphSpec([8, 8, 1], [['pixels', 'Conv2D', { filters: 2, kernel_size: 1, activation: 'softmax' }, ['input']]]);
    expect(issues({ task: { kind: 'segmentation' }, loss: 'dice', model: pixels })).toEqual([]);
    const pooled = graphSpec(
      [8, 8, 1],
      [
        ['pool', 'GlobalAveragePooling2D', {}, ['input']],
        ['out', 'Dense', { units: 2 }, ['pool']],
      ],
    );
    expect(issues({ task: { kind: 'segmentation' }, model: pooled })).toEqual([
      { path: 'model', message: 'a segmentation model outputs one class per pixel, [8, 8, 2] for this input and 2 classes; this one outputs [2]' },
    ]);
    expect(issues({ task: { kind: 'segmentation', dims: '3d' }, model: pixels })).toEqual([
      { path: 'task.dims', message: 'a 3d task reads [depth, height, width, channels]; this model reads [8, 8, 1]' },
    ]);
    // Geometric augmentation moves the masks with their images.
    expect(issues({ task: { kind: 'segmentation' }, model: pixels, augmentation: { flipHorizontal: true, rotateDegrees: 10 } })).toEqual([]);
    expect(issues({ task: { kind: 'segmentation' }, model: pixels, preprocessing: { sliceAxis: 'depth', spacing: [0.8, 0.8] } })).toEqual([]);
    expect(issues({ task: { kind: 'segmentation' }, model: pixels, preprocessing: { spacing: [2.5, 0.8, 0.8] } })).toEqual([
      { path: 'preprocessing.spacing', message: 'this model reads 2-D input, so spacing is [row, column] in mm, not 3 values' },
    ]);
    const voxels = graphSpec([4, 8, 8, 1], [['voxels', 'Conv3D', { filters: 2, kernel_size: 1, activation: 'softmax' }, ['input']]]);
    expect(issues({ task: { kind: 'segmentation', dims: '3d' }, model: voxels, preprocessing: { sliceAxis: 'depth' } })).toEqual([
      { path: 'preprocessing.sliceAxis', message: 'slices of volumes feed a 2-D model ([height, width, channels]); this one reads 3-D input' },
    ]);
    expect(issues({ task: { kind: 'segmentation' }, model: pixels, augmentation: { brightness: 0.1 } })).toEqual([]);
    expect(issues({ loss: 'dice', model: pooled })).toEqual([
      { path: 'loss', message: 'dice is a segmentation loss; set task: { kind: segmentation } or use categoricalCrossentropy' },
    ]);
  });
});
