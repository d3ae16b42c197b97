/* fuzz_catalogue.c: libFuzzer target loading and checking any bytes as YAML. */
#include <stdint.h>
#include <stdlib.h>
#include <jansson.h>

#include "catalogue.h"
#include "diag.h"
#include "resolve.h"

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalogue cat;

	if (!catalogue_load_buffer(&cat, "fuzz.yaml", (const char *)bytes,
				   size, &diags)) {
		catalogue_check(&cat, &diags);
		/* Whatever loaded must resolve, whatever its errors. */
		if (cat.prefix)
			json_decref(catalogue_resolve(&cat));
	}
	catalogue_release(&cat);
	diag_list_release(&diags);
	return 0;
}
