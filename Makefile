# Magnesium Tracker: `make serve` and `make test` are the two commands a new
# contributor needs; both install what is missing first and are idempotent.

# ---- Tool versions: the one place they are pinned. ------------------------
TRUNK_VERSION        := 0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly
# (Cargo.toml pins it with `=`), so cargo reads it from there, never typed twice.
# `cargo pkgid` answers from Cargo.lock alone: no network, no build, and no
# registry cache, so it works on a fresh clone. It prints `…#wasm-bindgen@<version>`.
WASM_BINDGEN_VERSION := $(lastword $(subst @, ,$(shell cargo pkgid -p wasm-bindgen --offline 2>/dev/null)))
# binaryen from npm (xtask/tools/package.json); Debian's 108 breaks Leptos output.
BINARYEN_VERSION     := 132
# Playwright and axe-core come from end2end/package-lock.json; checked below.
PLAYWRIGHT_VERSION   := 1.65.1
CHROMIUM             := /usr/bin/chromium
CHROMEDRIVER         := /usr/bin/chromedriver

export TRUNK_VERSION WASM_BINDGEN_VERSION BINARYEN_VERSION PLAYWRIGHT_VERSION CHROMIUM CHROMEDRIVER
export PATH := $(CURDIR)/xtask/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROME_BIN := $(CHROMIUM)

BOOTSTRAP := bash xtask/bootstrap.sh

.PHONY: serve test build-tools test-tools fmt-check clippy test-native test-wasm build e2e bench first-screens icons foods clean

## serve: install the build tools if missing, then build and serve on 127.0.0.1:8080 with live reload.
serve: build-tools
	trunk serve

## test: every gate: format, clippy (native and wasm32), native tests, browser tests, release build, Playwright.
test: build-tools test-tools fmt-check clippy test-native test-wasm build e2e
	@echo "make test: all gates passed"

build-tools:
	@$(BOOTSTRAP) build

test-tools:
	@$(BOOTSTRAP) test

fmt-check:
	cargo fmt --all --check

clippy:
	cargo clippy --workspace --all-targets --offline -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown --offline -- -D warnings

test-native:
	cargo test --workspace --offline

# wasm-bindgen tests run in headless Chromium through chromedriver
# (.cargo/config.toml names the runner).
test-wasm:
	CHROMEDRIVER=$(CHROMEDRIVER) WASM_BINDGEN_TEST_TIMEOUT=120 cargo test --target wasm32-unknown-unknown --offline --test web --test sync_web

build:
	trunk build --release

e2e:
	cd end2end && npx playwright test

## bench: release build measured in headless Chromium, plus native criterion benchmarks.
bench: build-tools test-tools build
	cd end2end && node bench/bench.mjs
	cargo bench --offline --bench domain

## first-screens: take each main route's first screen from the release build into
## public/first-screens.json, then build again with it (end2end/first-screens.mjs;
## end2end/tests/first-screen.spec.ts fails when the file is out of date).
first-screens: build test-tools
	cd end2end && node first-screens.mjs ../dist
	trunk build --release

## foods: regenerate public/foods.bin from data/usda-sr28.
foods:
	cargo run --offline -p xtask -- foods

## icons: regenerate the PNG icons from public/icons/icon.svg (needs rsvg-convert and
## pngquant: apt-get install librsvg2-bin pngquant).
# pngquant turns the anti-aliased renders into palette PNGs, much smaller (compare
# with `ls -l public/icons` before and after), and the service worker precaches
# every icon on the first visit.
icons:
	cd public/icons && rsvg-convert -w 192 -h 192 icon.svg -o icon-192.png \
	  && rsvg-convert -w 512 -h 512 icon.svg -o icon-512.png \
	  && rsvg-convert -w 180 -h 180 icon.svg -o apple-touch-icon.png \
	  && rsvg-convert -w 360 -h 360 --page-width 512 --page-height 512 --left 76 --top 76 \
	       --background-color '#0f766e' icon.svg -o icon-maskable-512.png \
	  && pngquant --quality=85-100 --speed 1 --strip --force --ext .png \
	       icon-192.png icon-512.png apple-touch-icon.png icon-maskable-512.png

clean:
	cargo clean
	rm -rf dist
