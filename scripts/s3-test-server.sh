#!/bin/bash
# A real S3-protocol server on loopback for the S3 blob-store tests: a one-node Ceph cluster (one monitor, one
# memstore OSD, pools of size 1, no cephx: nothing leaves 127.0.0.1) and Ceph's RADOS Gateway in front of it.
# Needs Debian's ceph-mon, ceph-osd, radosgw and ceph-common. Usage: s3-test-server.sh [DIR] [PORT]; prints the
# environment the tests read (CONSILIUM_S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
set -euo pipefail
D=${1:-/tmp/consilium-ceph}
PORT=${2:-7480}
if [ -f "$D/run/client.rgw.pid" ] && kill -0 "$(cat "$D/run/client.rgw.pid")" 2>/dev/null; then
  echo "an S3 test server already runs from $D" >&2
  exit 1
fi
rm -rf "$D"
mkdir -p "$D"/{mon,osd,rgw,run}
FSID=$(cat /proc/sys/kernel/random/uuid)
cat >"$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = v2:127.0.0.1:3300
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
ms client mode = crc
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
mon data avail crit = 0
osd crush chooseleaf type = 0
osd objectstore = memstore
memstore device bytes = 2147483648
run dir = $D/run
admin socket = $D/run/\$name.asok
log file = $D/\$name.log
pid file = $D/run/\$name.pid
[mon.a]
mon data = $D/mon
[osd.0]
osd data = $D/osd
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$PORT
rgw data = $D/rgw
CONF
C=(-c "$D/ceph.conf")
monmaptool --create --add a v2:127.0.0.1:3300 --fsid "$FSID" "$D/monmap" >/dev/null
ceph-mon "${C[@]}" --mkfs -i a --monmap "$D/monmap" --keyring /dev/null
ceph-mon "${C[@]}" -i a
ceph "${C[@]}" osd create >/dev/null
ceph-osd "${C[@]}" -i 0 --mkfs 2>/dev/null
ceph "${C[@]}" osd crush add-bucket localhost host >/dev/null 2>&1
ceph "${C[@]}" osd crush move localhost root=default >/dev/null 2>&1
ceph "${C[@]}" osd crush add osd.0 1.0 host=localhost >/dev/null 2>&1
ceph-osd "${C[@]}" -i 0 2>/dev/null
radosgw "${C[@]}" -n client.rgw
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/" >/dev/null || { echo "the RADOS Gateway did not answer on 127.0.0.1:$PORT; see $D/*.log" >&2; exit 1; }
radosgw-admin "${C[@]}" user create --uid=consilium --display-name=Consilium --access-key=consilium-test --secret=consilium-test-secret >/dev/null
echo "export CONSILIUM_S3_ENDPOINT=http://127.0.0.1:$PORT AWS_ACCESS_KEY_ID=consilium-test AWS_SECRET_ACCESS_KEY=consilium-test-secret"
