#!/bin/bash
# A Debian bookworm base image made from Debian's own packages (debootstrap, minbase) and imported into podman or
# docker as IMAGE (default localhost/consilium-debian:bookworm), for machines that reach Debian's archive but no image
# registry. Prints the image name. Usage: scripts/debian-base-image.sh [IMAGE]
set -euo pipefail
image=${1:-localhost/consilium-debian:bookworm}
engine=${CONTAINER_ENGINE:-$(command -v podman || command -v docker)}
if "$engine" image exists "$image" 2>/dev/null || "$engine" image inspect "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
debootstrap --variant=minbase bookworm "$rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >&2
# What an image needs of a Debian system and a container does not: package caches and lists, documentation.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
tar -C "$rootfs" -c . | "$engine" import --change 'CMD ["/bin/bash"]' - "$image" >&2
echo "$image"
