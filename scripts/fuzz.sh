#!/bin/sh
# Runs each fuzz test in fuzzing mode (Jazzer, coverage-guided) for DURATION (default 10m), one after
# another, from the root of a checkout:   scripts/fuzz.sh 10m
# Findings are written as crash-* files in the module's folder; move each into
# src/test/resources/<package>/<Class>Inputs/<method>/ so that every `mvn verify` replays it.
# The corpus grows in <module>/.cifuzz-corpus/ (ignored by git).
set -e
duration=${1:-10m}
mvn -B -q -DskipTests install
for target in \
    wsproto-core:ConnectionFuzzTest#decodes \
    wsproto-core:ConnectionFuzzTest#roundTrips \
    wsproto-core:ExtensionHeaderFuzzTest#negotiates \
    wsproto-h1:HandshakeFuzzTest#serverReadsRequests \
    wsproto-h1:HandshakeFuzzTest#clientReadsResponses \
    wsproto-h2:ExtendedConnectFuzzTest#readsRequestsAndResponses; do
  echo "== fuzzing ${target#*:} in ${target%%:*} for $duration"
  JAZZER_FUZZ=1 mvn -B test -pl "${target%%:*}" -Dtest="${target#*:}" -Djazzer.max_duration="$duration" \
      -Dsurefire.failIfNoSpecifiedTests=false
done
