/* fuzz_mustache.c: libFuzzer target rendering any template against any JSON. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"

/*
 * The input is a template, a NUL byte, then JSON data. A partial is the
 * data member of its name when that is a string, else the template
 * itself, so partials, parents and blocks recurse as hard as they can.
 */
struct fuzz_input {
	const char *tmpl;
	size_t len;
	json_t *data;
};

static const char *fuzz_partial(void *ctx, const char *name, size_t *len)
{
	const struct fuzz_input *in = ctx;
	json_t *text = json_object_get(in->data, name);

	if (json_is_string(text)) {
		*len = json_string_length(text);
		return json_string_value(text);
	}
	*len = in->len;
	return in->tmpl;
}

static mustache_escape_fn fuzz_escape(size_t len)
{
	switch (len % 4) {
	case 0: return NULL;
	case 1: return mustache_escape_c;
	case 2: return mustache_escape_json;
	default: return mustache_escape_none;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
	const char *s = (const char *)bytes;
	const char *nul = memchr(s, '\0', size);
	struct mustache_error err;
	struct fuzz_input in;
	size_t out_len;
	char *out;

	in.tmpl = s;
	in.len = nul ? (size_t)(nul - s) : size;
	in.data = NULL;
	if (nul)
		in.data = json_loadb(nul + 1, size - in.len - 1,
				     JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);

	if (!mustache_render("fuzz", in.tmpl, in.len, in.data,
			     fuzz_escape(size), fuzz_partial, &in, &out,
			     &out_len, &err))
		free(out);
	json_decref(in.data);
	return 0;
}
