#!/bin/bash
# The offline bundle for air-gapped hospitals (README, "Installing"): one archive holding the built agent, its
# production dependencies for linux-x64 with their native addons already built (better-sqlite3, sharp's libvips),
# and install.sh, which copies it into place and needs no network. Built where the npm registry is reachable, with
# the Node major the sites run (the native addons are built for its ABI). Usage: scripts/offline-bundle.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mkdir -p "${1:-.}" && cd "${1:-.}" && pwd)
version=$(node -p "require('./package.json').version")
node_major=$(node -p "process.versions.node.split('.')[0]")
name="consilium-$version-linux-x64-node$node_major"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
npm pack --silent --pack-destination "$stage" >/dev/null
mkdir -p "$stage/$name/consilium"
tar -xzf "$stage/consilium-$version.tgz" -C "$stage/$name/consilium" --strip-components=1
cp package-lock.json "$stage/$name/consilium/"
# Production dependencies only, install scripts run (they build or fetch the native addons for this platform).
(cd "$stage/$name/consilium" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
# The optional TensorFlow bindings download libtensorflow when installed, which an air-gapped site cannot; without
# their binaries they are dead weight (deploy/gpu-site/README.md installs them from an internal mirror).
rm -rf "$stage/$name/consilium/node_modules/@tensorflow/tfjs-node" "$stage/$name/consilium/node_modules/@tensorflow/tfjs-node-gpu"
cat >"$stage/$name/install.sh" <<INSTALL
#!/bin/sh
# Installs Consilium $version from this bundle, without network: copies it to PREFIX (default /opt/consilium) and
# links BIN_DIR/consilium (default /usr/local/bin). Needs Node.js $node_major on linux-x64, as the bundle was built.
set -eu
prefix=\${1:-/opt/consilium}
bin_dir=\${2:-/usr/local/bin}
here=\$(cd "\$(dirname "\$0")" && pwd)
[ "\$(uname -m)" = x86_64 ] || { echo "this bundle is for linux-x64; this machine is \$(uname -m)" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "Node.js $node_major is needed: install it from your distribution or nodejs.org first" >&2; exit 1; }
major=\$(node -p "process.versions.node.split('.')[0]")
[ "\$major" = "$node_major" ] || { echo "this bundle's native addons are built for Node.js $node_major; this machine has \$(node --version)" >&2; exit 1; }
mkdir -p "\$prefix" "\$bin_dir"
cp -R "\$here/consilium/." "\$prefix/"
chmod 755 "\$prefix/dist/cli/main.js"
ln -sf "\$prefix/dist/cli/main.js" "\$bin_dir/consilium"
installed=\$("\$bin_dir/consilium" --version)
echo "consilium \$installed installed in \$prefix; \$bin_dir/consilium is on the PATH if \$bin_dir is"
INSTALL
chmod +x "$stage/$name/install.sh"
tar -czf "$out/$name.tar.gz" -C "$stage" "$name"
echo "$out/$name.tar.gz"
