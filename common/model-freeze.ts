import type { ModelTopology } from './model-spec.schema.js';

/** The layer a weight belongs to: weights are named "<layer>/<weight>" ("stem/kernel", "bn/moving_mean"). */
export function layerOfWeight(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? name : name.slice(0, slash);
}

function layerNames(topology: ModelTopology): { name: string; trainable: boolean }[] {
  return topology.config.layers.map((layer) => ({
    name: String('name' in layer && typeof layer.name === 'string' ? layer.name : layer.config.name),
    trainable: layer.config['trainable'] !== false,
  }));
}

/**
 * The layers a run keeps fixed at the sites: those whose config says
 * `trainable: false` (as Keras writes a frozen layer), and those a `freeze`
 * entry names, or names the start of ("b1_" freezes b1_conv1, b1_conv2).
 * A normalized topology is expected, so every layer has its name.
 */
export function frozenLayers(topology: ModelTopology, freeze: readonly string[] = []): Set<string> {
  return new Set(
    layerNames(topology)
      .filter((l) => !l.trainable || freeze.some((prefix) => l.name.startsWith(prefix)))
      .map((l) => l.name),
  );
}

/** Each `freeze` entry that names no layer, with the index to report it at. */
export function unmatchedFreezes(topology: ModelTopology, freeze: readonly string[]): { index: number; entry: string }[] {
  const names = layerNames(topology).map((l) => l.name);
  return freeze.flatMap((entry, index) => (names.some((name) => name.startsWith(entry)) ? [] : [{ index, entry }]));
}
