// npm run bench [-- --quick]: costs measured side by side in one run, printed as ratios.
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { normalizeTopology, type ModelTopology } from '../common/model-spec.schema.js';
import { buildModel } from '../common/model-weights.js';
import { seededRandom } from '../common/seeded-random.js';
import { demoRunSpec } from '../cli/demo/demo.js';
import { FedAvgAccumulator } from '../coordinator/domain/fed-avg.accumulator.js';
import { selectBackend } from '../site-agent/training/backend.js';

const quick = process.argv.includes('--quick');
const rows: { benchmark: string; measured: string; baseline: string; ratio: number }[] = [];

async function samplesPerSecond(topology: ModelTopology, samples: number): Promise<number> {
  const model = await buildModel(topology);
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const x = tf.randomNormal([samples, ...shape]);
  const y = tf.oneHot(tf.randomUniform([samples], 0, 2, 'int32'), 2);
  await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 }); // warm-up
  const started = performance.now();
  await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 });
  const rate = samples / ((performance.now() - started) / 1000);
  tf.dispose([x, y]);
  model.optimizer?.dispose();
  model.dispose();
  return rate;
}

const demoModel = normalizeTopology(demoRunSpec(1)['model'] as ModelTopology);
await selectBackend('wasm');
const wasmRate = await samplesPerSecond(demoModel, quick ? 64 : 512);
await tf.setBackend('cpu');
const cpuRate = await samplesPerSecond(demoModel, quick ? 32 : 128);
rows.push({ benchmark: 'train demo CNN (32×32×1), wasm vs cpu', measured: `${wasmRate.toFixed(1)} samples/s`, baseline: `${cpuRate.toFixed(1)} samples/s`, ratio: wasmRate / cpuRate });

// FedAvg fold throughput next to this process's plain sequential read of the same bytes.
const params = quick ? 1_000_000 : 10_000_000;
const updates = quick ? 3 : 10;
const specs = [{ name: 'w', shape: [params] }];
const random = seededRandom(1);
const delta = [{ name: 'w', shape: [params], values: Float32Array.from({ length: params }, () => random() - 0.5) }];
let sink = 0;
let started = performance.now();
for (let u = 0; u < updates; u++) for (let i = 0; i < params; i++) sink += delta[0]!.values[i]!;
const readSeconds = (performance.now() - started) / 1000;
const accumulator = new FedAvgAccumulator(specs);
started = performance.now();
for (let u = 0; u < updates; u++) accumulator.add(delta, 10 + u);
const foldSeconds = (performance.now() - started) / 1000;
const gb = (updates * params * 4) / 1e9;
rows.push({ benchmark: `FedAvg fold, ${updates} updates × ${params / 1e6} M float32`, measured: `${(gb / foldSeconds).toFixed(2)} GB/s`, baseline: `${(gb / readSeconds).toFixed(2)} GB/s read`, ratio: readSeconds / foldSeconds });

console.log('| benchmark | measured | baseline | ratio |\n| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.benchmark} | ${r.measured} | ${r.baseline} | ${r.ratio.toFixed(2)} |`);
writeFileSync('bench/results.json', JSON.stringify({ quick, rows, checksum: sink }, null, 2));
