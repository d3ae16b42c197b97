# reliability.mk: fault injection and adversarial inputs.
#
#   make check-faults        generate under failing writes, renames, disks
#   make check-adversarial   hostile catalogues: each a clean error or safe
#                            output within a second

FAULTS := $(BUILD)/faults

# An LD_PRELOAD shim making write, fsync, close, rename... fail on cue.
$(FAULTS)/failwrite.so: tests/faults/failwrite.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) -std=c11 -Wall -Wextra -O2 -fPIC -shared -o $@ $< -ldl

check-faults: $(LOGSCHEMA) $(FAULTS)/failwrite.so
	@sh tests/faults/generator.sh $(LOGSCHEMA) $(FAULTS)/failwrite.so

CHECK_TARGETS += check-faults
.PHONY: check-faults
