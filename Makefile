# The two commands of the README:
#   make run   installs what is missing, builds, checks the shipped data and writes the packs to out/
#   make test  installs what is missing and runs the whole test suite
.PHONY: setup build run test benchmark clean

SWIFT ?= swift
DATAPAKKE = .build/release/datapakke

setup:
	@Tools/setup.sh

build: setup
	$(SWIFT) build -c release --product datapakke

run: build
	$(DATAPAKKE) check
	$(DATAPAKKE) figures --only SR06

test: setup
	$(SWIFT) test

clean:
	rm -rf .build out
