#!/usr/bin/env bash
# Starts Debian's Orthanc with its DICOMweb plugin on loopback for the DICOMweb tests and the bench, storing into DIR,
# and prints the variables that point them at it. Usage: eval "$(scripts/orthanc-test-server.sh DIR PORT)"
set -euo pipefail
dir=$1
port=$2
plugin=/usr/share/orthanc/plugins/libOrthancDicomWeb.so
command -v Orthanc >/dev/null || { echo "Orthanc is not installed (apt-get install orthanc orthanc-dicomweb)" >&2; exit 1; }
[ -f "$plugin" ] || { echo "$plugin is missing (apt-get install orthanc-dicomweb)" >&2; exit 1; }
mkdir -p "$dir/db"
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
# Basic auth on, as a hospital's PACS has it; no DICOM port (the tests speak DICOMweb only); quiet logs.
cat > "$dir/orthanc.json" <<JSON
{
  "Name": "consilium-test",
  "StorageDirectory": "$dir/db",
  "IndexDirectory": "$dir/db",
  "HttpPort": $port,
  "DicomServerEnabled": false,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": true,
  "RegisteredUsers": { "consilium": "$password" },
  "Plugins": ["$plugin"],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" },
  "StableAge": 1
}
JSON
Orthanc "$dir/orthanc.json" > "$dir/orthanc.log" 2>&1 &
for _ in $(seq 1 60); do
  if curl -sf -m 2 -u "consilium:$password" "http://127.0.0.1:$port/system" > /dev/null; then
    echo "CONSILIUM_ORTHANC_URL=http://127.0.0.1:$port"
    echo "CONSILIUM_ORTHANC_USER=consilium"
    echo "CONSILIUM_ORTHANC_PASSWORD=$password"
    exit 0
  fi
  sleep 0.5
done
echo "Orthanc did not start on port $port; its log: $dir/orthanc.log" >&2
tail -n 20 "$dir/orthanc.log" >&2
exit 1
