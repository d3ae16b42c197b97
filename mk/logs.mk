# logs.mk: check-logs and diff end to end, and the check-logs benchmark.
#
#   make check-logs-e2e      the verbs through build/logschema (in check)
#   make bench-check-logs    1M generated lines: logschema against jq and
#                            a Python script doing the same checks

BENCH_LINES ?= 1000000

check-logs-e2e: $(LOGSCHEMA)
	@sh tests/check-logs.sh $(LOGSCHEMA)

bench-check-logs: $(LOGSCHEMA)
	@sh logs/bench/run.sh $(LOGSCHEMA) $(BENCH_LINES)

CHECK_TARGETS += check-logs-e2e

.PHONY: check-logs-e2e bench-check-logs
