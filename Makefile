# The two commands of the README:
#   make run   installs what building needs and is missing, builds, checks the shipped data and writes the packs to out/
#   make test  installs that and the test tools (browser, locale, .venv/ with openpyxl and Selenium) and runs the whole test suite
# And: make setup / make setup-test (only the installing), make format (swift format in place), make lint (the
# format check CI runs), make benchmark (prints build times and memory), make pdf (renders one pack with LibreOffice).
.PHONY: setup setup-test build run test format lint benchmark pdf clean

SWIFT ?= swift
DATAPAKKE = .build/release/datapakke
# What swift format formats and checks, with the repository's .swift-format.
FORMATTED = Sources Tests Package.swift
# The packs are dated by the day they are built, with or without make; set SOURCE_DATE_EPOCH (the
# reproducible-builds convention) to fix the date, and two builds of the same inputs give the same bytes.

setup:
	@Tools/setup.sh run

setup-test:
	@Tools/setup.sh test

build: setup
	$(SWIFT) build -c release --product datapakke

# The presentations are printed to PDF too when a Chromium is installed (build --pdf).
run: build
	$(DATAPAKKE) check
	$(DATAPAKKE) build $$(command -v chromium >/dev/null && echo --pdf)

# The tests start `python3` for openpyxl and Selenium: the project's .venv/ comes first on PATH.
test: setup-test
	PATH="$(CURDIR)/.venv/bin:$$PATH" $(SWIFT) test

format:
	$(SWIFT) format --in-place --recursive --parallel $(FORMATTED)

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMATTED)

benchmark: build
	@Tools/benchmark.sh $(DATAPAKKE)

pdf: run
	@Tools/render-pdf.sh out/sundhedsraad-midt-og-vestsjaelland.xlsx

clean:
	rm -rf .build out
