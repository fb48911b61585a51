#!/usr/bin/env bash
# Installs the interop peers that the JDK and Maven do not bring, when they are missing, and says in one
# line per peer how to get any it could not install. Safe to run again: a peer already there is left alone.
#
#   scripts/install-peers.sh            install what it may; exit 0 either way (the matrix lists the rest as absent)
#   scripts/install-peers.sh --require  exit 1 unless every peer is there afterwards (CI)
#
# The peers: Debian's python3-h2, python3-wsproto, python3-hypercorn and python3-websockets (run with
# /usr/bin/python3), Debian's chromium and firefox-esr (with libnss3-tools, whose certutil trusts the run's
# certificate in Firefox's throwaway profile), Debian's nghttp2-proxy (nghttpx, the matrix's proxy), and
# npm's ws (with Debian's nodejs and npm when node is missing; node's own http2 module needs nothing more).
# Debian packages need root (or password-less sudo); without either, the script prints the command to run.
# npm's ws goes to npm's global root as root, else into interop-tests/node_modules, where the matrix looks too.
set -uo pipefail
cd "$(dirname "$0")/.."

require=false
case "${1:-}" in
  --require) require=true ;;
  "") ;;
  -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "install-peers: unknown option $1 (try --help)" >&2; exit 2 ;;
esac

python_has() { /usr/bin/python3 -c "import $1" >/dev/null 2>&1; }
node_has_ws() { NODE_PATH="$(npm root -g 2>/dev/null):$PWD/interop-tests/node_modules" node -e "require('ws')" >/dev/null 2>&1; }

# The Debian packages each peer needs, as "peer|check|packages".
debian_peers=(
  "python3-h2 + python3-wsproto|python_has h2 && python_has wsproto|python3-h2 python3-wsproto"
  "python3-hypercorn|python_has hypercorn|python3-hypercorn"
  "python3-websockets|python_has websockets|python3-websockets"
  "chromium|test -x /usr/bin/chromium|chromium"
  "firefox-esr + certutil|test -x /usr/bin/firefox-esr && test -x /usr/bin/certutil|firefox-esr libnss3-tools"
  "nghttpx|test -x /usr/sbin/nghttpx|nghttp2-proxy"
  "node and npm (for npm's ws)|command -v node >/dev/null && command -v npm >/dev/null|nodejs npm"
)

missing_packages=()
for peer in "${debian_peers[@]}"; do
  IFS='|' read -r _ check packages <<<"$peer"
  eval "$check" || missing_packages+=($packages)
done

if [ ${#missing_packages[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    sudo="no"
  fi
  if [ "$sudo" != "no" ]; then
    echo "install-peers: installing Debian packages: ${missing_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >/dev/null \
      && $sudo apt-get install -y -qq "${missing_packages[@]}" >/dev/null \
      || echo "install-peers: apt-get could not install ${missing_packages[*]}" >&2
  fi
fi

if command -v npm >/dev/null && ! node_has_ws; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "install-peers: installing npm's ws globally"
    npm install -g --silent ws >/dev/null || echo "install-peers: npm could not install ws" >&2
  else
    echo "install-peers: installing npm's ws into interop-tests/node_modules"
    npm install --silent --no-save --no-package-lock --prefix interop-tests ws >/dev/null \
      || echo "install-peers: npm could not install ws" >&2
  fi
fi

# What is still missing, one line per peer with the way to get it.
absent=0
for peer in "${debian_peers[@]}"; do
  IFS='|' read -r name check packages <<<"$peer"
  if ! eval "$check"; then
    echo "install-peers: $name absent: sudo apt-get install $packages"
    absent=$((absent + 1))
  fi
done
if ! command -v npm >/dev/null || ! node_has_ws; then
  echo "install-peers: npm's ws absent: npm install -g ws (or npm install --prefix interop-tests ws)"
  absent=$((absent + 1))
fi

if [ "$absent" -eq 0 ]; then
  echo "install-peers: every peer is present"
elif $require; then
  exit 1
fi
exit 0
