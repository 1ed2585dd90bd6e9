#!/bin/sh
# The compose stack's demo hospitals (compose.yaml, service demo-sites): for each site named in SITES, a table of
# generated rows whose label the features predict, a site config and policy under DEMO_DIR/<site>, registration with
# the coordinator and enrolment (the site's key is made here and never leaves). Idempotent: an enrolled site is left
# as it is. Needs the admin token that coordinator init wrote to ADMIN_TOKEN_FILE.
# Environment: CONSILIUM_URL (REST), GRPC_ADDRESS (host:port the agents dial), DEMO_DIR, ADMIN_TOKEN_FILE, SITES.
set -eu
: "${CONSILIUM_URL:?}" "${GRPC_ADDRESS:?}" "${DEMO_DIR:?}" "${ADMIN_TOKEN_FILE:?}"
sites=${SITES:-hospital-a hospital-b hospital-c}
# The file holds init's whole output; the token is the line that starts with csk_.
CONSILIUM_TOKEN=$(grep -o '^csk_[A-Za-z0-9_-]*' "$ADMIN_TOKEN_FILE" | head -n 1)
export CONSILIUM_TOKEN
i=0
for site in $sites; do
  i=$((i + 1))
  dir="$DEMO_DIR/$site"
  if [ -f "$dir/state/identity/site.cert.pem" ]; then
    echo "$site: already enrolled"
    continue
  fi
  mkdir -p "$dir/state"
  # 400 rows, 8 features: class 1 shifts every feature by 0.5, and each site adds its own offset (its "scanner").
  awk -v seed="$i" 'BEGIN {
    srand(seed); printf "f0,f1,f2,f3,f4,f5,f6,f7,label\n";
    for (r = 0; r < 400; r++) { y = r % 2; for (f = 0; f < 8; f++) printf "%.3f,", rand() + 0.5 * y + 0.1 * seed; print (y ? "yes" : "no") }
  }' >"$dir/table.csv"
  printf 'requireApproval: false\n' >"$dir/policy.yaml"
  printf 'siteId: %s\ncoordinator: %s\nstateDir: %s/state\npolicy: %s/policy.yaml\nbackend: wasm\nvalidationFraction: 0.25\ndata: { kind: csv, path: %s/table.csv, labelColumn: label }\n' \
    "$site" "$GRPC_ADDRESS" "$dir" "$dir" "$dir" >"$dir/site.yaml"
  token=$(consilium federation add-site "$site" --coordinator-url "$CONSILIUM_URL" | sed -n 's/.*"token": "\([^"]*\)".*/\1/p')
  consilium site enroll --config "$dir/site.yaml" --coordinator "$CONSILIUM_URL" --token "$token"
done
