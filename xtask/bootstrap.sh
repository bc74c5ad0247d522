#!/usr/bin/env bash
# Installs what `make serve` (`build`) and `make test` (`test`) need, skipping
# everything already present at the pinned version. The versions come from the
# Makefile's environment, the one place they are pinned.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${TRUNK_VERSION:?run through make}" "${WASM_BINDGEN_VERSION:?run through make}"
: "${BINARYEN_VERSION:?run through make}" "${PLAYWRIGHT_VERSION:?run through make}"
: "${CHROMIUM:=/usr/bin/chromium}" "${CHROMEDRIVER:=/usr/bin/chromedriver}"

say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[tools]\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command that needs root: directly as root, through passwordless sudo,
# or not at all, printing the exact command for the person to run.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else die "This step needs root. Run:  sudo $*  and then run make again."
  fi
}

need_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
    || die "Node.js 20+ and npm are needed. Install them (Debian/Ubuntu: sudo apt-get install -y nodejs npm) and run make again."
}

build_tools() {
  command -v cargo >/dev/null 2>&1 || die "Rust is needed: install rustup (https://rustup.rs) and run make again."
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  [ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen in Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
    # Not --locked: one of its locked dependency versions is missing from the registry.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores)"
    cargo install --locked "trunk@$TRUNK_VERSION" --force
  fi
  need_node
  if ! xtask/tools/node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; then
    say "installing wasm-opt (binaryen $BINARYEN_VERSION) from npm"
    (cd xtask/tools && npm ci --no-audit --no-fund)
  fi
  # Trunk runs cargo offline, so every crate must be in the local registry.
  cargo fetch --locked >/dev/null
}

test_tools() {
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "adding rustup component $component"
      rustup component add "$component"
    fi
  done
  if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
    say "installing Chromium and ChromeDriver from the OS packages"
    command -v apt-get >/dev/null 2>&1 || die "Install Chromium and ChromeDriver at $CHROMIUM and $CHROMEDRIVER, then run make again."
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
  need_node
  local installed
  installed=$(node -p "try { require('./end2end/node_modules/@playwright/test/package.json').version } catch { '' }")
  # pouchdb-server (the sync tests' CouchDB) comes from the same lock file.
  if [ "$installed" != "$PLAYWRIGHT_VERSION" ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ] \
    || [ ! -x end2end/node_modules/.bin/pouchdb-server ]; then
    say "installing the end-to-end test packages from end2end/package-lock.json"
    (cd end2end && npm ci --no-audit --no-fund)
    installed=$(node -p "require('./end2end/node_modules/@playwright/test/package.json').version")
    [ "$installed" = "$PLAYWRIGHT_VERSION" ] || die "end2end/package-lock.json has Playwright $installed, the Makefile pins $PLAYWRIGHT_VERSION"
  fi
}

case "${1:-}" in
  build) build_tools ;;
  test) build_tools; test_tools ;;
  *) die "usage: bootstrap.sh build|test" ;;
esac
