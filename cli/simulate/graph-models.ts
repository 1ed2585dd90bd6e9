/** A graph (functional) model spec in the Keras / TensorFlow.js JSON format, written compactly: [name, class, config, inputs]. */
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
        { class_name: 'InputLayer', name: 'input', config: { batch_input_shape: [null, ...inputShape] }, inbound_nodes: [] as unknown[] },
        ...layers.map(([name, className, config, inputs]) => ({
          class_name: className,
          name,
          config,
          inbound_nodes: [inputs.map((i) => [i, 0, 0, {}])] as unknown[],
        })),
      ],
      input_layers: [['input', 0, 0]],
      output_layers: [[output ?? layers.at(-1)![0], 0, 0]],
    },
  };
}

/** Two residual blocks after `from`: one of `f1` filters, then a strided one of `f2` with a projected shortcut; ends at "b2_relu". */
function residualBlocks(from: string, f1: number, f2: number): [string, string, Record<string, unknown>, string[]][] {
  return [
    ['b1_conv1', 'Conv2D', { filters: f1, kernel_size: 3, padding: 'same', activation: 'relu' }, [from]],
    ['b1_conv2', 'Conv2D', { filters: f1, kernel_size: 3, padding: 'same' }, ['b1_conv1']],
    ['b1_add', 'Add', {}, [from, 'b1_conv2']],
    ['b1_relu', 'ReLU', {}, ['b1_add']],
    ['b2_conv1', 'Conv2D', { filters: f2, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' }, ['b1_relu']],
    ['b2_conv2', 'Conv2D', { filters: f2, kernel_size: 3, padding: 'same' }, ['b2_conv1']],
    ['b2_shortcut', 'Conv2D', { filters: f2, kernel_size: 1, strides: 2 }, ['b1_relu']],
    ['b2_add', 'Add', {}, ['b2_shortcut', 'b2_conv2']],
    ['b2_relu', 'ReLU', {}, ['b2_add']],
  ];
}

/** A small residual network: a stem, two residual blocks (the second with a projected shortcut), pooled to classes. */
export function residualSpec(inputShape = [16, 16, 1], classes = 2) {
  return graphSpec(inputShape, [
    ['stem', 'Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input']],
    ...residualBlocks('stem', 8, 16),
    ['pool', 'GlobalAveragePooling2D', {}, ['b2_relu']],
    ['classes', 'Dense', { units: classes, activation: 'softmax' }, ['pool']],
  ]);
}

/**
 * The residual network of `experiment resnet`: a stem, a residual block, a
 * strided block with a projected shortcut, then a dense head, which keeps
 * the shape of the lesion's edge that global pooling would average away.
 */
export function residualClassifierSpec(inputShape: number[], classes: number) {
  return graphSpec(inputShape, [
    ['stem', 'Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input']],
    ['stem_pool', 'MaxPooling2D', { pool_size: 2 }, ['stem']],
    ...residualBlocks('stem_pool', 8, 16),
    ['pool', 'MaxPooling2D', { pool_size: 2 }, ['b2_relu']],
    ['flat', 'Flatten', {}, ['pool']],
    ['hidden', 'Dense', { units: 32, activation: 'relu' }, ['flat']],
    ['classes', 'Dense', { units: classes, activation: 'softmax' }, ['hidden']],
  ]);
}
