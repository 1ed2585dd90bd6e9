#!/usr/bin/env bash
# Run on a machine WITH internet access. Downloads what `npm install
# @tensorflow/tfjs-node-gpu` would fetch at install time into one folder, laid
# out exactly as the installers ask for it, with SHA256SUMS. Copy the folder
# into the hospital network and serve it over HTTP (see README.md).
set -euo pipefail

TFJS_VERSION="${TFJS_VERSION:-4.22.0}"        # @tensorflow/tfjs-node-gpu version, as pinned in package.json
LIBTENSORFLOW_VERSION="${LIBTENSORFLOW_VERSION:-2.9.1}"  # what that version's scripts/deps-constants.js names
NAPI_VERSION="${NAPI_VERSION:-8}"             # highest N-API version the addon is built for (Node 20 uses 8)
OUT="${1:-tfjs-mirror}"

files=(
  "tensorflow/libtensorflow/libtensorflow-gpu-linux-x86_64-${LIBTENSORFLOW_VERSION}.tar.gz"
  "tf-builds/pre-built-binary/napi-v${NAPI_VERSION}/${TFJS_VERSION}/GPU-linux-${TFJS_VERSION}.tar.gz"
)
for file in "${files[@]}"; do
  mkdir -p "$OUT/$(dirname "$file")"
  echo "fetching https://storage.googleapis.com/$file"
  curl --fail --location --retry 3 -o "$OUT/$file" "https://storage.googleapis.com/$file"
done
(cd "$OUT" && sha256sum "${files[@]}" > SHA256SUMS)
echo "mirror ready in $OUT; verify on the inside with: (cd $OUT && sha256sum -c SHA256SUMS)"
