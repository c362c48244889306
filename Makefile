# Bijli: two set-up commands (make run, make test) and the benchmarks (make bench).
# System libraries come from Debian: GLPK 5.0 and LAPACKE 3.11.

SWIFT      ?= swift
APT_PKGS   := libglpk-dev glpk-utils liblapacke-dev
# For the tests only: pdflatex and booktabs, to compile the LaTeX reports (about 48 MB to download).
TEST_PKGS  := texlive-latex-base texlive-latex-recommended
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIJLI      := .build/release/bijli
EXAMPLE_LP := Inputs/examples/glpk-manual.lp

.PHONY: run test bench deps test-deps build build-release clean

## deps: install the Debian packages Bijli links against, if any is missing.
deps:
	@if ! dpkg -s $(APT_PKGS) >/dev/null 2>&1; then \
	  echo "Installing $(APT_PKGS) ..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PKGS); \
	fi

## test-deps: the TeX packages of the LaTeX report test, if missing.
test-deps:
	@if ! dpkg -s $(TEST_PKGS) >/dev/null 2>&1; then \
	  echo "Installing $(TEST_PKGS) ..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(TEST_PKGS); \
	fi

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build -c release --product bijli

## run: the main job. Until the energy model lands this solves the bundled example LP
## and writes its result under Reports/.
run: build-release
	$(BIJLI) --version
	$(BIJLI) lp solve $(EXAMPLE_LP) --report-dir Reports

## test: the whole suite (XCTest and Swift Testing).
test: deps test-deps
	$(SWIFT) test

## bench: release-mode benchmarks; figures go to docs/BENCHMARKS.md by hand.
bench: deps
	$(SWIFT) build -c release --product BijliBench
	.build/release/BijliBench all

clean:
	rm -rf .build
