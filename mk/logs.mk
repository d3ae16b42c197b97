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

# The example service's own stream is clean; a stream with planted
# mistakes (examples/logs/planted.jsonl) shows every check of check-logs.
demo-check-logs: $(EXAMPLE_SERVICE) $(LOGSCHEMA)
	@echo "  demo: examples/service | logschema check-logs (its stream)"
	@LOG_LEVEL=DEBUG $(EXAMPLE_SERVICE) 2>&1 >/dev/null | \
		$(LOGSCHEMA) check-logs -s schema/found-footy | \
		sed -n -e '1p' -e '/^coverage:/p'
	@echo "  demo: logschema check-logs examples/logs/planted.jsonl (planted mistakes)"
	@$(LOGSCHEMA) check-logs -s schema/found-footy \
		examples/logs/planted.jsonl | sed -n '1p'

DEMO_TARGETS += demo-check-logs

.PHONY: check-logs-e2e bench-check-logs demo-check-logs
