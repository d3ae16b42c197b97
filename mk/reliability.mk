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

# Under AddressSanitizer a run is slower and maps terabytes of shadow.
ifeq ($(SANITIZE),1)
ADVERSARIAL_ENV := ADVERSARIAL_TIMEOUT=5 ADVERSARIAL_VMEM_KB=
endif

check-adversarial: $(LOGSCHEMA)
	@$(ADVERSARIAL_ENV) sh tests/adversarial/run.sh $(LOGSCHEMA)

CHECK_TARGETS += check-faults check-adversarial
.PHONY: check-faults check-adversarial
