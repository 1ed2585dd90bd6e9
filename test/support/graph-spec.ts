/** A graph (functional) model spec in the Keras / TensorFlow.js JSON format, written compactly for tests. */
export function graphSpec(
  inputShape: number[],
  layers: [name: string, className: string, config: Record<string, unknown>, inputs: string[]][],
  output?: string,
) {
  return {
    class_name: 'Model',
    config: {
      name: 'graph',
      layers: [
        { class_name: 'InputLayer', name: 'input', config: { batch_input_shape: [null, ...inputShape] }, inbound_nodes: [] },
        ...layers.map(([name, className, config, inputs]) => ({ class_name: className, name, config, inbound_nodes: [inputs.map((i) => [i, 0, 0, {}])] })),
      ],
      input_layers: [['input', 0, 0]],
      output_layers: [[output ?? layers.at(-1)![0], 0, 0]],
    },
  };
}

/** A small residual network: a stem, two residual blocks (the second with a projected shortcut), pooled to classes. */
export function residualSpec(inputShape = [16, 16, 1], classes = 2) {
  return graphSpec(inputShape, [
    ['stem', 'Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input']],
    ['b1_conv1', 'Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['stem']],
    ['b1_conv2', 'Conv2D', { filters: 8, kernel_size: 3, padding: 'same' }, ['b1_conv1']],
    ['b1_add', 'Add', {}, ['stem', 'b1_conv2']],
    ['b1_relu', 'ReLU', {}, ['b1_add']],
    ['b2_conv1', 'Conv2D', { filters: 16, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' }, ['b1_relu']],
    ['b2_conv2', 'Conv2D', { filters: 16, kernel_size: 3, padding: 'same' }, ['b2_conv1']],
    ['b2_shortcut', 'Conv2D', { filters: 16, kernel_size: 1, strides: 2 }, ['b1_relu']],
    ['b2_add', 'Add', {}, ['b2_shortcut', 'b2_conv2']],
    ['b2_relu', 'ReLU', {}, ['b2_add']],
    ['pool', 'GlobalAveragePooling2D', {}, ['b2_relu']],
    ['classes', 'Dense', { units: classes, activation: 'softmax' }, ['pool']],
  ]);
}

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
