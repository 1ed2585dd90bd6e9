"""The bench's numpy row: Flower's FedAvg arithmetic on arrays in memory.

Run by bench/aggregation.ts when `import numpy` works. It times what Flower's
`aggregate()` (flwr/server/strategy/aggregate.py, 1.x) does with the sites'
weights, `reduce(np.add, [layer * n ...]) / total`, over `--updates` float32
arrays of `--params` values each, best of three passes. Prints one JSON object:
{"numpy": version, "seconds": s, "gbPerSecond": GB of updates read per second}.
"""

import argparse
import json
import time
from functools import reduce

import numpy as np


def aggregate(results: list[tuple[list[np.ndarray], int]]) -> list[np.ndarray]:
    # Flower's aggregate(), as published: weight every layer by its site's examples, sum, divide.
    total = sum(n for _, n in results)
    weighted = [[layer * n for layer in weights] for weights, n in results]
    return [reduce(np.add, layers) / total for layers in zip(*weighted)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=10)
    parser.add_argument("--params", type=int, default=10_000_000)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    results = [([rng.random(args.params, dtype=np.float32) - np.float32(0.5)], 10 + i) for i in range(args.updates)]
    seconds = []
    for _ in range(3):
        started = time.perf_counter()
        aggregate(results)
        seconds.append(time.perf_counter() - started)
    best = min(seconds)
    print(json.dumps({"numpy": np.__version__, "seconds": best, "gbPerSecond": args.updates * args.params * 4 / 1e9 / best}))


if __name__ == "__main__":
    main()
