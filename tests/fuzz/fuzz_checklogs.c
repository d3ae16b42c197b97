/*
 * fuzz_checklogs.c: libFuzzer target checking any bytes as a log stream.
 *
 * Beyond not crashing, it asserts that findings do not depend on how the
 * stream is cut into blocks or on the number of threads, that every
 * finding is well-formed, and that the JSON scanner accepts exactly the
 * objects jansson accepts (outside their documented differences).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "catalogue.h"
#include "checklogs.h"
#include "diag.h"
#include "jsonline.h"

static const char catalogue_yaml[] =
	"logschema: 1\n"
	"name: fuzz\n"
	"prefix: fz\n"
	"services:\n"
	"  web: {doc: Web, containers: [web-.*]}\n"
	"fields:\n"
	"  order_id: {type: string, id: true, doc: Order}\n"
	"  count: {type: int, doc: Count}\n"
	"  amount: {type: float, doc: Amount}\n"
	"  paid: {type: bool, doc: Paid}\n"
	"  tags: {type: list<string>, doc: Tags}\n"
	"  sizes: {type: list<int>, doc: Sizes}\n"
	"modules:\n"
	"  cart:\n"
	"    service: web\n"
	"    doc: Cart\n"
	"    actions:\n"
	"      added: {level: INFO, msg: Added, fields: [order_id, count, tags]}\n"
	"      failed: {level: ERROR, msg: Failed, fields: [order_id, amount, paid, sizes]}\n"
	"  pay:\n"
	"    service: web\n"
	"    doc: Pay\n"
	"    actions:\n"
	"      charged: {level: INFO, msg: Charged, fields: [{name: order_id, required: false}, amount]}\n";

static struct catalogue cat;
static uint64_t input_lines;

static void load_once(void)
{
	static int loaded;
	struct diag_list diags = DIAG_LIST_INIT;

	if (loaded)
		return;
	if (catalogue_load_buffer(&cat, "fuzz.yaml", catalogue_yaml,
				  strlen(catalogue_yaml), &diags) ||
	    diags.errors)
		abort();
	diag_list_release(&diags);
	loaded = 1;
}

static void on_finding(const struct checklogs_finding *f, void *data)
{
	FILE *out = data;

	if (f->line < 1 || f->line > input_lines || f->column < 1 ||
	    !*f->message || strchr(f->message, '\n') ||
	    f->check >= CHECKLOGS_CHECK_COUNT)
		abort();
	checklogs_print_finding(out, f);
	checklogs_json_finding(out, f);
}

/* All findings and the summary of one run, as text. */
static char *run(const uint8_t *bytes, size_t size, unsigned threads,
		 size_t block)
{
	struct checklogs_options opt = {
		.threads = threads, .block_size = block, .max_line = 300,
	};
	struct checklogs *cl;
	char *text = NULL;
	size_t len;
	FILE *out = open_memstream(&text, &len);

	opt.on_finding = on_finding;
	opt.data = out;
	cl = checklogs_new(&cat, &opt);
	if (checklogs_read_buffer(cl, "fuzz.log", (const char *)bytes, size))
		abort();
	if (checklogs_stats(cl)->lines != input_lines)
		abort();
	checklogs_print_summary(out, cl);
	checklogs_print_json(out, cl, NULL, 0);
	checklogs_free(cl);
	fclose(out);
	return text;
}

/* Where jansson and this scanner knowingly part ways. */
static int known_difference(const char *why)
{
	return strstr(why, "NUL") || strstr(why, "too big") ||
	       strstr(why, "overflow") || strstr(why, "depth");
}

static void compare_with_jansson(const char *line, size_t len)
{
	struct jl_line members = { NULL, 0, 0 };
	struct jl_error err;
	json_error_t jerr;
	json_t *v;
	int ours = jl_parse(&members, line, len, &err) == 0;
	int theirs;

	/* JSON has no raw NUL byte; jansson lets some through between tokens */
	if (memchr(line, '\0', len)) {
		if (ours)
			abort();
		jl_line_release(&members);
		return;
	}
	v = json_loadb(line, len, 0, &jerr);
	theirs = v && json_is_object(v);

	if (!v && known_difference(jerr.text))
		theirs = ours;
	if (ours != theirs) {
		fprintf(stderr, "scanner %s, jansson %s (%s): '%.*s'\n",
			ours ? "accepts" : err.reason,
			theirs ? "accepts" : "rejects", v ? "" : jerr.text,
			(int)len, line);
		abort();
	}
	if (ours && (size_t)json_object_size(v) > members.nr)
		abort();
	json_decref(v);
	jl_line_release(&members);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
	const char *p = (const char *)bytes, *end = p + size;
	char *one, *many;

	load_once();
	input_lines = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		compare_with_jansson(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
		input_lines++;
		p = nl ? nl + 1 : end;
	}

	one = run(bytes, size, 1, 4096);
	many = run(bytes, size, 3, 64);
	if (strcmp(one, many))
		abort();
	free(one);
	free(many);
	return 0;
}
