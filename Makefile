# Convenience targets; scripts/test.sh is the one command CI and the README use.
.PHONY: test setup quick

test:
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

# Without set-up, skipping the slow cargo-heavy tests.
quick:
	ASYNCTRAIT_SKIP_SETUP=1 bash scripts/test.sh -short
