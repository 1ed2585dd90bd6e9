/**
 * The wiring of a graph (functional) model as Keras 2 and TensorFlow.js
 * write it: each layer lists the layers it takes its input from
 * (`inbound_nodes`), and the model names its input and output layers.
 * Structural types only, so the schema and the size estimate share it.
 */
export interface GraphConfig {
  layers: readonly { name: string; class_name: string; config: Record<string, unknown>; inbound_nodes: readonly (readonly (readonly unknown[])[])[] }[];
  input_layers: readonly (readonly unknown[])[];
  output_layers: readonly (readonly unknown[])[];
  name?: string | undefined;
}

/** A layer in an order where every layer comes after the layers it reads. */
export interface GraphNode {
  index: number;
  name: string;
  inputs: string[];
}

export interface GraphIssue {
  path: (string | number)[];
  message: string;
}

const MERGES = new Set(['Add', 'Concatenate', 'Multiply', 'Average']);

/** The names a layer reads, in order. */
function inputsOf(layer: GraphConfig['layers'][number]): string[] {
  return (layer.inbound_nodes[0] ?? []).map((ref) => String(ref[0]));
}

/**
 * Everything wrong with a graph's wiring, each with its path: names that
 * repeat, inputs that name no layer, a layer with the wrong number of
 * inputs, a cycle, an input that is not an InputLayer, a layer that does
 * not lead from the input to the output.
 */
export function graphProblems(config: GraphConfig): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const at = (i: number, ...rest: (string | number)[]): (string | number)[] => ['config', 'layers', i, ...rest];
  const index = new Map<string, number>();
  config.layers.forEach((layer, i) => {
    if (index.has(layer.name)) issues.push({ path: at(i, 'name'), message: `layer name "${layer.name}" is used twice` });
    else index.set(layer.name, i);
    const configName = layer.config['name'];
    if (configName !== undefined && configName !== layer.name) {
      issues.push({
        path: at(i, 'config', 'name'),
        message: `config.name "${String(configName)}" differs from the layer's name "${layer.name}"; they must be the same`,
      });
    }
  });
  if (issues.length > 0) return issues;

  const inputs = config.layers.filter((l) => l.class_name === 'InputLayer');
  config.layers.forEach((layer, i) => {
    const refs = layer.inbound_nodes[0] ?? [];
    if (layer.class_name === 'InputLayer') {
      if (refs.length > 0) issues.push({ path: at(i, 'inbound_nodes'), message: 'an InputLayer reads nothing: its inbound_nodes must be []' });
      if (!Array.isArray(layer.config['batch_input_shape'])) {
        issues.push({ path: at(i, 'config', 'batch_input_shape'), message: 'an InputLayer declares batch_input_shape, e.g. [null, 32, 32, 1]' });
      }
      return;
    }
    if (refs.length === 0)
      issues.push({
        path: at(i, 'inbound_nodes'),
        message: `layer "${layer.name}" reads no layer: list its input in inbound_nodes, e.g. [[["input", 0, 0, {}]]]`,
      });
    refs.forEach((ref, j) => {
      const [name, node, tensor] = ref;
      if (!index.has(String(name))) issues.push({ path: at(i, 'inbound_nodes', 0, j), message: `no layer is named "${String(name)}"` });
      else if (node !== 0 || tensor !== 0) {
        issues.push({
          path: at(i, 'inbound_nodes', 0, j),
          message: `reads node ${String(node)}, tensor ${String(tensor)} of "${String(name)}"; each layer is called once and has one output, so both are 0`,
        });
      }
    });
    if (MERGES.has(layer.class_name) && refs.length < 2)
      issues.push({ path: at(i, 'inbound_nodes'), message: `${layer.class_name} joins two or more inputs, got ${refs.length}` });
    if (!MERGES.has(layer.class_name) && refs.length > 1)
      issues.push({
        path: at(i, 'inbound_nodes'),
        message: `${layer.class_name} takes one input, got ${refs.length}; join branches with Add or Concatenate first`,
      });
  });
  if (inputs.length !== 1) issues.push({ path: ['config', 'layers'], message: `a graph model has exactly one InputLayer for now, got ${inputs.length}` });
  const input = String(config.input_layers[0]?.[0]);
  const output = String(config.output_layers[0]?.[0]);
  if (config.layers[index.get(input) ?? -1]?.class_name !== 'InputLayer')
    issues.push({ path: ['config', 'input_layers', 0], message: `input_layers must name the InputLayer, not "${input}"` });
  if (!index.has(output)) issues.push({ path: ['config', 'output_layers', 0], message: `no layer is named "${output}"` });
  if (issues.length > 0) return issues;

  const order = topologicalOrder(config);
  if (!order) return [{ path: ['config', 'layers'], message: 'the graph has a cycle: a layer reads, through other layers, its own output' }];
  // Every layer lies on a path from the input to the output: nothing is computed that the model does not use.
  const reaches = new Set<string>([output]);
  for (const node of [...order].reverse()) if (reaches.has(node.name)) for (const name of node.inputs) reaches.add(name);
  const fed = new Set<string>([input]);
  for (const node of order) if (node.inputs.some((name) => fed.has(name))) fed.add(node.name);
  order.forEach((node) => {
    if (!reaches.has(node.name))
      issues.push({ path: at(node.index), message: `layer "${node.name}" does not lead to the output "${output}"; remove it or wire it in` });
    else if (!fed.has(node.name)) issues.push({ path: at(node.index), message: `layer "${node.name}" is not fed from the input "${input}"` });
  });
  return issues;
}

/** The layers in an order where each comes after its inputs, or null when the wiring has a cycle. Expects resolved names. */
export function topologicalOrder(config: GraphConfig): GraphNode[] | null {
  const nodes = config.layers.map((layer, index) => ({ index, name: layer.name, inputs: inputsOf(layer) }));
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: GraphNode[] = [];
  const visit = (node: GraphNode): boolean => {
    const seen = state.get(node.name);
    if (seen === 'done') return true;
    if (seen === 'visiting') return false;
    state.set(node.name, 'visiting');
    for (const name of node.inputs) if (!visit(byName.get(name)!)) return false;
    state.set(node.name, 'done');
    order.push(node);
    return true;
  };
  for (const node of nodes) if (!visit(node)) return null;
  return order;
}
