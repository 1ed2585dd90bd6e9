#!/bin/bash
# Runs the built images' entrypoints where an OCI runtime cannot start containers (CI's sandbox refuses the rlimits
# every runtime sets): each image's root filesystem is mounted read-only, its volume is a fresh folder bound over
# the image's VOLUME path, and the command runs chrooted in a private mount namespace as the image's user. It checks
# what the images promise: the coordinator initialises and serves /healthz and /readyz from its volume alone, and
# the site agent's doctor trains its self-test, both without writing anywhere else.
# Usage: scripts/container-smoke.sh COORDINATOR_IMAGE SITE_IMAGE
set -euo pipefail
engine=${CONTAINER_ENGINE:-$(command -v podman || command -v docker)}
coordinator_image=${1:?usage: container-smoke.sh COORDINATOR_IMAGE SITE_IMAGE}
site_image=${2:?usage: container-smoke.sh COORDINATOR_IMAGE SITE_IMAGE}
work=$(mktemp -d)
cleanup() {
  # The coordinator's own pid (the chrooted command keeps the pid of the shell that wrote it), not the subshell's.
  [ -f "$work/coordinator.pid" ] && kill "$(cat "$work/coordinator.pid")" 2>/dev/null || true
  "$engine" image unmount "$coordinator_image" "$site_image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# in_image IMAGE VOLUME_DIR COMMAND...: COMMAND chrooted into IMAGE as its user, the image's volume path bound to
# VOLUME_DIR; with PIDFILE set, COMMAND's pid is written there (unshare and every exec keep it).
in_image() {
  local image=$1 volume=$2
  shift 2
  local root user path
  root=$("$engine" image mount "$image")
  user=$("$engine" image inspect "$image" --format '{{.Config.User}}')
  path=$("$engine" image inspect "$image" --format '{{range $k, $v := .Config.Volumes}}{{$k}}{{end}}')
  chown "$user" "$volume"
  unshare -m --propagation private sh -c '
    set -e
    root=$1 volume=$2 path=$3 user=$4 pidfile=$5
    shift 5
    mount --bind "$root" "$root" && mount -o remount,bind,ro "$root"
    mount --bind "$volume" "$root$path"
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs tmpfs "$root/tmp"
    if [ -n "$pidfile" ]; then echo $$ >"$pidfile"; fi
    exec chroot --userspec="$user" "$root" env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/nonexistent NODE_ENV=production "$@"
  ' in_image "$root" "$volume" "$path" "$user" "${PIDFILE:-}" "$@"
}

free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
http_port=$(free_port)
grpc_port=$(free_port)
mkdir -p "$work/coordinator" "$work/site"
in_image "$coordinator_image" "$work/coordinator" consilium coordinator init --state-dir /var/lib/consilium/coordinator >/dev/null
PIDFILE="$work/coordinator.pid" in_image "$coordinator_image" "$work/coordinator" \
  consilium coordinator start --state-dir /var/lib/consilium/coordinator --http-port "$http_port" --grpc-port "$grpc_port" >"$work/coordinator.log" 2>&1 &
for _ in $(seq 1 60); do curl -fsS --max-time 5 "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS --max-time 5 "http://127.0.0.1:$http_port/healthz" || { cat "$work/coordinator.log" >&2; exit 1; }
echo
curl -fsS --max-time 5 "http://127.0.0.1:$http_port/readyz"
echo
ls "$work/coordinator/coordinator"

printf 'a,label\n1,x\n2,y\n3,x\n4,y\n5,x\n6,y\n' >"$work/site/table.csv"
printf 'siteId: smoke\ncoordinator: 127.0.0.1:%s\nstateDir: /var/lib/consilium-site/state\ndata: { kind: csv, path: /var/lib/consilium-site/table.csv, labelColumn: label }\n' \
  "$grpc_port" >"$work/site/site.yaml"
in_image "$site_image" "$work/site" consilium site doctor --config /var/lib/consilium-site/site.yaml
