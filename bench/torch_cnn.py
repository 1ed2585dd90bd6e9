"""The bench's PyTorch rows: training throughput of the same CNNs on the CPU.

Run by bench/training.ts when `import torch` works (Debian's python3-torch):
the demo CNN and the larger CNN, as bench/training.ts builds them in
TensorFlow.js, trained with Adam and cross-entropy on random batches of 32,
one warm-up step, then timed steps, on 1 thread and on every core. Prints one
JSON object: {model: {threads: samples per second}}.
"""

import json
import os
import sys
import time

import torch
from torch import nn


def demo_cnn() -> nn.Module:
    # Conv 8 → pool → conv 16 → pool → dense 32 → dense 2, 32×32×1 input, 'same' padding.
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 8 * 8, 32), nn.ReLU(), nn.Linear(32, 2),
    )


def larger_cnn() -> nn.Module:
    # Four 3×3 convolutions (16, 32, 64, 64), each with ReLU then batch norm, pooling between, global average, dense 2.
    layers: list[nn.Module] = []
    channels = [1, 16, 32, 64, 64]
    for i in range(4):
        layers += [nn.Conv2d(channels[i], channels[i + 1], 3, padding=1), nn.ReLU(), nn.BatchNorm2d(channels[i + 1])]
        if i < 3:
            layers.append(nn.MaxPool2d(2))
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 2)]
    return nn.Sequential(*layers)


def rate(model: nn.Module, side: int, steps: int, batch: int = 32) -> float:
    torch.manual_seed(3)
    x = torch.rand(batch, 1, side, side)
    y = torch.arange(batch) % 2
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    loss = nn.CrossEntropyLoss()

    def step() -> None:
        optimizer.zero_grad()
        loss(model(x), y).backward()
        optimizer.step()

    step()
    started = time.perf_counter()
    for _ in range(steps):
        step()
    return steps * batch / (time.perf_counter() - started)


def main() -> None:
    quick = "--quick" in sys.argv
    cores = os.cpu_count() or 1
    result: dict[str, dict[str, float]] = {}
    for name, build, side, steps in (("demo", demo_cnn, 32, 16 if quick else 64), ("larger", larger_cnn, 64, 4 if quick else 16)):
        result[name] = {}
        for threads in sorted({1, cores}):
            torch.set_num_threads(threads)
            result[name][str(threads)] = rate(build(), side, steps)
    print(json.dumps({"torch": torch.__version__, "cores": cores, "rates": result}))


if __name__ == "__main__":
    main()
