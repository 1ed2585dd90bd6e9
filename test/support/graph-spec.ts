import { graphSpec } from '../../cli/simulate/graph-models.js';

export { graphSpec, residualSpec } from '../../cli/simulate/graph-models.js';

/** A U-Net-shaped network: down, bottleneck, up with a skip concatenation, per-pixel classes. */
export function unetSpec(inputShape = [16, 16, 1], classes = 2) {
  return graphSpec(inputShape, [
    ['down1', 'Conv2D', { filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input']],
    ['pool1', 'MaxPooling2D', { pool_size: 2 }, ['down1']],
    ['bottom', 'Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['pool1']],
    ['up1', 'Conv2DTranspose', { filters: 4, kernel_size: 2, strides: 2 }, ['bottom']],
    ['skip1', 'Concatenate', {}, ['down1', 'up1']],
    ['fuse1', 'Conv2D', { filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' }, ['skip1']],
    ['pixels', 'Conv2D', { filters: classes, kernel_size: 1, activation: 'softmax' }, ['fuse1']],
  ]);
}

/** The U-Net shape as a classifier (segmentation outputs come later): the decoder's map, pooled to classes. */
export function unetClassifierSpec(inputShape = [16, 16, 1], classes = 2) {
  const unet = graphSpec(inputShape, [
    ['down1', 'Conv2D', { filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input']],
    ['pool1', 'MaxPooling2D', { pool_size: 2 }, ['down1']],
    ['bottom', 'Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['pool1']],
    ['up1', 'UpSampling2D', { size: 2, interpolation: 'bilinear' }, ['bottom']],
    ['skip1', 'Concatenate', {}, ['down1', 'up1']],
    ['fuse1', 'Conv2D', { filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' }, ['skip1']],
    ['pool', 'GlobalAveragePooling2D', {}, ['fuse1']],
    ['classes', 'Dense', { units: classes, activation: 'softmax' }, ['pool']],
  ]);
  return unet;
}

/** Two dense layers, `inputs` → `hidden` (ReLU) → two classes (softmax): the process tests' table model. */
export function denseSpec(inputs: number, hidden: number) {
  return {
    class_name: 'Sequential',
    config: {
      layers: [
        { class_name: 'Dense', config: { input_shape: [inputs], units: hidden, activation: 'relu' } },
        { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
      ],
    },
  };
}

/**
 * The run the process tests upload under faults: a 1000 × 1000 dense model (4 MB updates, slow enough to cut
 * mid-upload) on the sites' 1000-feature tables, with deadlines that outlast a restart.
 */
export function wideTableRun(name: string, rounds: number, sites: string[]) {
  return {
    name,
    classes: ['no', 'yes'],
    rounds,
    localEpochs: 1,
    batchSize: 16,
    sites,
    roundDeadlineSeconds: 240,
    siteWaitSeconds: 120,
    model: denseSpec(1000, 1000),
  };
}
