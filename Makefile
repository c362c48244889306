# Bijli: two set-up commands (make run, make test) and the benchmarks (make bench).
# System libraries come from Debian: GLPK 5.0, LAPACKE 3.11, SQLite 3 (the run archive) and zlib
# (ZIPFoundation, the Excel workbook's zip).

SWIFT      ?= swift
APT_PKGS   := libglpk-dev glpk-utils liblapacke-dev libsqlite3-dev zlib1g-dev
# For the tests only: pdflatex and booktabs, to compile the LaTeX reports (about 48 MB to download),
# and openpyxl, to read the Excel workbook back.
TEST_PKGS  := texlive-latex-base texlive-latex-recommended python3-openpyxl
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIJLI      := .build/release/bijli

.PHONY: run test bench fuzz deps test-deps build build-release clean

## deps: install the Debian packages Bijli links against, if any is missing.
deps:
	@if ! dpkg -s $(APT_PKGS) >/dev/null 2>&1; then \
	  echo "Installing $(APT_PKGS) ..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PKGS); \
	fi

## test-deps: the TeX packages of the LaTeX report test and openpyxl of the workbook test, if missing.
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

## run: the main job. The base plan of the Pakistan model (2025, 2030, 2035; 24 representative
## days; the medium demand variant), its report, and the stress matrix of the disruption library
## on that plan. Everything goes to a new folder under Reports/pakistan/ (never overwritten).
run: build-release
	$(BIJLI) --version
	$(BIJLI) run --model Models/pakistan --inputs Inputs/pakistan --out Reports
	$(BIJLI) stress --model Models/pakistan --inputs Inputs/pakistan --plan Reports/pakistan/base/latest \
	  --scenarios all --out Reports/pakistan/stress
	@echo "Base plan report:   Reports/pakistan/base/latest/report.html (and report.md)"
	@echo "Stress matrix:      Reports/pakistan/stress/latest/stress.csv (report.html beside it)"

## test: the whole suite (XCTest and Swift Testing), then the release binary on the tiny fixture
## (.ci/release-smoke: every command that solves, since the optimiser has miscompiled what the
## debug build of the suite ran correctly).
test: deps test-deps
	$(SWIFT) test
	SWIFT=$(SWIFT) .ci/release-smoke

## bench: release-mode benchmarks; figures go to docs/BENCHMARKS.md by hand.
bench: deps
	$(SWIFT) build -c release --product BijliBench
	.build/release/BijliBench all

## fuzz: libFuzzer over the LP reader (and solver) and the case loader, FUZZ_SECONDS each
## (default 300; the issue's acceptance run is FUZZ_SECONDS=3600). Built with -sanitize=fuzzer in
## .build-fuzz (the main build is untouched); the corpora grow in .build-fuzz/corpus, a crash
## leaves its input in .build-fuzz/crash-* (keep it as a regression test). Tests/Fuzz/README.md.
FUZZ_SECONDS ?= 300
FUZZ_BUILD   := .build-fuzz
FUZZ_CONFIG  ?= release
FUZZ_BIN     := $(FUZZ_BUILD)/$(FUZZ_CONFIG)/BijliFuzz
fuzz: deps
	ln -sfn ../.. Tests/Fuzz/bijli
	$(SWIFT) build --package-path Tests/Fuzz --build-path $(FUZZ_BUILD) -c $(FUZZ_CONFIG) -Xswiftc -sanitize=fuzzer
	mkdir -p $(FUZZ_BUILD)/corpus/lp $(FUZZ_BUILD)/corpus/case
	BIJLI_FUZZ_TARGET=lp $(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -timeout=60 \
	  -artifact_prefix=$(FUZZ_BUILD)/ $(FUZZ_BUILD)/corpus/lp Tests/Fuzz/seeds/lp
	BIJLI_FUZZ_CASE=Tests/EnergyModelTests/Fixtures/tiny BIJLI_FUZZ_TARGET=case $(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) \
	  -rss_limit_mb=4096 -timeout=60 -artifact_prefix=$(FUZZ_BUILD)/ $(FUZZ_BUILD)/corpus/case Tests/Fuzz/seeds/case

clean:
	rm -rf .build .build-fuzz
