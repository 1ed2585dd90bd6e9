#!/bin/bash
# Builds the coordinator and site agent images (deploy/containers/Dockerfile) with podman or docker: Node.js 22 LTS
# from the npm registry and the offline bundle built for it are staged as the build context, so the build needs no
# registry but the one BASE comes from. BASE (default: Debian's image on Docker Hub) may be a local image, such as
# scripts/debian-base-image.sh makes where no image registry is reachable. Prints the two image names.
# Usage: [BASE=image] [BUNDLE=tarball] [ISOLATION=chroot] scripts/container-images.sh [TAG]
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${CONTAINER_ENGINE:-$(command -v podman || command -v docker)}
tag=${1:-$(node -p "require('./package.json').version")}
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
node22=$(scripts/node-lts.sh "$context")
# BUNDLE: an offline bundle already built for Node 22 (as CI has); otherwise one is built here.
bundle=${BUNDLE:-$(PATH="$node22/bin:$PATH" npm_config_nodedir="$node22" scripts/offline-bundle.sh "$context/out")}
mkdir "$context/bundle"
tar -xzf "$bundle" -C "$context/bundle" --strip-components=1
rm -rf "$context/out"
# podman writes OCI images by default, which have no HEALTHCHECK: the Docker format keeps it.
format=()
[ "$(basename "$engine")" = podman ] && format=(--format docker)
for target in coordinator site; do
  # ISOLATION=chroot runs the RUN steps without an OCI runtime, for machines (such as CI's sandbox) that refuse one.
  "$engine" build --quiet "${format[@]}" ${ISOLATION:+--isolation "$ISOLATION"} --target "$target" ${BASE:+--build-arg "BASE=$BASE"} \
    -t "localhost/consilium-$target:$tag" -f deploy/containers/Dockerfile "$context" >&2
  echo "localhost/consilium-$target:$tag"
done
