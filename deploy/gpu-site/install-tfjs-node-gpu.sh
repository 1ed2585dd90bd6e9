#!/usr/bin/env bash
# Run on the site machine, inside the hospital network, from the Consilium
# folder. Installs @tensorflow/tfjs-node-gpu from an internal HTTP mirror made
# with fetch-mirror.sh, then lets `consilium site doctor` confirm the GPU.
#   MIRROR=http://mirror.hospital.local:8080/ deploy/gpu-site/install-tfjs-node-gpu.sh [site.yaml]
set -euo pipefail

: "${MIRROR:?set MIRROR to the mirror base URL, e.g. http://mirror.hospital.local:8080/}"
MIRROR="${MIRROR%/}/"
TFJS_VERSION="${TFJS_VERSION:-4.22.0}"

# libtensorflow: the installer fetches ${TFJS_NODE_CDN_STORAGE}tensorflow/libtensorflow/libtensorflow-gpu-linux-x86_64-<version>.tar.gz
export TFJS_NODE_CDN_STORAGE="$MIRROR"
# The prebuilt Node addon: node-pre-gyp fetches <mirror>/napi-v8/<version>/GPU-linux-<version>.tar.gz.
# Without it, npm compiles the addon with node-gyp (python3, make and g++ needed).
export npm_config_tfjs_binding_binary_host_mirror="${MIRROR}tf-builds/pre-built-binary/"

npm install --no-save --no-audit --no-fund "@tensorflow/tfjs-node-gpu@${TFJS_VERSION}"

if [ "$#" -gt 0 ]; then
  npm run build --silent
  node dist/cli/main.js site doctor --config "$1"
fi
