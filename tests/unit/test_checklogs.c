/* test_checklogs.c: check-logs findings, line by line, and its reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "catalogue.h"
#include "checklogs.h"
#include "diag.h"
#include "jsonline.h"

#define SHOP "tests/data/logs/shop.yaml"
#define SHOP_NAIVE "tests/data/logs/shop-naive.yaml"

/* The findings of one run, rendered as check-logs prints them. */
struct capture {
	char *text;
	size_t len;
	FILE *out;
};

static void capture_finding(const struct checklogs_finding *f, void *data)
{
	struct capture *cap = data;

	checklogs_print_finding(cap->out, f);
}

static void load(struct catalogue *cat, const char *path)
{
	struct diag_list diags = DIAG_LIST_INIT;

	assert_int_equal(catalogue_load(cat, path, &diags), 0);
	assert_int_equal(diags.errors, 0);
	diag_list_release(&diags);
}

/*
 * Check `len` bytes of `stream` against `catalogue` with the given
 * options; returns the findings as text and leaves the checker in *out.
 */
static char *run_opts(const char *catalogue, const char *stream, size_t len,
		      struct checklogs_options opt, struct catalogue *cat,
		      struct checklogs **out)
{
	struct capture cap = { NULL, 0, NULL };
	struct checklogs *cl;

	load(cat, catalogue);
	cap.out = open_memstream(&cap.text, &cap.len);
	opt.on_finding = capture_finding;
	opt.data = &cap;
	cl = checklogs_new(cat, &opt);
	assert_int_equal(checklogs_read_buffer(cl, "app.log", stream, len), 0);
	fclose(cap.out);
	*out = cl;
	return cap.text;
}

/* Findings of a stream checked on one thread, checker released. */
static char *run(const char *catalogue, const char *stream)
{
	struct checklogs_options opt = { .threads = 1 };
	struct catalogue cat;
	struct checklogs *cl;
	char *text = run_opts(catalogue, stream, strlen(stream), opt, &cat,
			      &cl);

	checklogs_free(cl);
	catalogue_release(&cat);
	return text;
}

#define TS "\"ts\":\"2025-01-15T14:30:22.123456Z\","

static const char every_check[] =
	/* 1 */ "{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"Item added\",\"user_id\":\"u1\",\"count\":2,\"tags\":[\"a\"],\"sizes\":[38,40]}\n"
	/* 2 */ "{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\",\n"
	/* 3 */ "starting server on port 8080\n"
	/* 4 */ "{\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\"}\n"
	/* 5 */ "{" TS "\"level\":\"INFO\",\"module\":\"crat\",\"action\":\"item_added\",\"msg\":\"x\"}\n"
	/* 6 */ "{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_add\",\"msg\":\"x\",\"user_id\":\"u1\"}\n"
	/* 7 */ "{" TS "\"level\":\"ERROR\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\"}\n"
	/* 8 */ "{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"checkout_started\",\"msg\":\"x\",\"user_id\":\"u1\"}\n"
	/* 9 */ "{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\",\"coupon\":\"X1\"}\n"
	/* 10 */ "{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\",\"count\":\"2\"}\n"
	/* 11 */ "\n"
	/* 12 */ "{\"ts\":\"2025-01-15 14:30:22\",\"level\":\"info\",\"module\":\"payment\",\"action\":\"charged\",\"msg\":\"x\",\"order_id\":\"o1\"}\n"
	/* 13 */ "{\"ts\":\"2025-01-15T14:30:22Z\",\"level\":\"WARNING\",\"module\":\"payment\",\"action\":\"declined\",\"msg\":\"x\",\"order_id\":null,\"error\":\"\"}\n"
	/* 14 */ "{\"ts\":\"2025-01-15T14:30:22.5Z\",\"level\":\"INFO\",\"module\":\"payment\",\"action\":\"charged\",\"msg\":\"x\",\"order_id\":\"o2\",\"amount\":3}\n"
	/* 15 */ "{\"ts\":\"2025-01-15T14:30:22.5Z\",\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"checkout_started\",\"msg\":\"x\",\"order_id\":\"o3\",\"amount\":2.5,\"paid\":\"yes\"}\n"
	/* 16 */ "{\"ts\":\"2025-01-15T14:30:22.5Z\",\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\",\"count\":2.0,\"tags\":[1],\"sizes\":[\"m\"]}\n"
	/* 17 */ "{\"ts\":\"2025-01-15T14:30:22.5Z\",\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"charged\",\"msg\":\"x\"}\n"
	/* 18 */ "[\"not\",\"an\",\"object\"]\n"
	/* 19 */ "{\"ts\":2,\"level\":null,\"module\":\"cart\",\"action\":\"item_added\",\"msg\":[\"x\"],\"user_id\":\"u1\"}\n";

static void test_checklogs_reports_each_check_at_its_line(void **state)
{
	char *text = run(SHOP, every_check);

	assert_string_equal(text,
		"app.log:2:115: error: invalid json: unexpected end of line [invalid-json]\n"
		"app.log:3:1: error: line is not a json object [invalid-json]\n"
		"app.log:4:1: error: missing standard field 'ts' [missing-standard-field]\n"
		"app.log:5:52: error: unknown module 'crat'; did you mean 'cart'? [unknown-module]\n"
		"app.log:6:68: error: undocumented action 'item_add' in module 'cart'; did you mean 'item_added'? [undocumented-action]\n"
		"app.log:7:37: warning: action 'cart.item_added' logged at 'ERROR', the catalogue says 'INFO' [level-mismatch]\n"
		"app.log:8:1: error: missing id field 'order_id' of action 'cart.checkout_started' [missing-id]\n"
		"app.log:9:115: warning: field 'coupon' is not declared for action 'cart.item_added' [unknown-field]\n"
		"app.log:10:115: error: field 'count' of action 'cart.item_added' is a string, expected 'int' [field-type]\n"
		"app.log:12:2: error: timestamp '2025-01-15 14:30:22' is not in the catalogue's format, like '2025-01-15T14:30:22.123456Z' [missing-standard-field]\n"
		"app.log:12:29: error: unknown level 'info'; did you mean 'INFO'? [missing-standard-field]\n"
		"app.log:13:97: error: id field 'order_id' of action 'payment.declined' is null [missing-id]\n"
		"app.log:13:113: error: required field 'error' of action 'payment.declined' is empty [missing-id]\n"
		"app.log:15:130: error: field 'paid' of action 'cart.checkout_started' is a string, expected 'bool' [field-type]\n"
		"app.log:16:110: error: field 'count' of action 'cart.item_added' is a number, expected 'int' [field-type]\n"
		"app.log:16:122: error: field 'tags' of action 'cart.item_added' is a list holding an integer, expected 'list<string>' [field-type]\n"
		"app.log:16:133: error: field 'sizes' of action 'cart.item_added' is a list holding a string, expected 'list<int>' [field-type]\n"
		"app.log:17:63: error: undocumented action 'charged' in module 'cart'; it is an action of module 'payment' [undocumented-action]\n"
		"app.log:18:1: error: line is not a json object [invalid-json]\n"
		"app.log:19:2: error: standard field 'ts' is an integer, expected a string [missing-standard-field]\n"
		"app.log:19:9: error: standard field 'level' is null, expected a string [missing-standard-field]\n"
		"app.log:19:60: error: standard field 'msg' is a list, expected a string [missing-standard-field]\n");
	free(text);
}

static void test_checklogs_counts_every_check_and_the_coverage(void **state)
{
	struct checklogs_options opt = { .threads = 1 };
	const struct checklogs_stats *st;
	struct catalogue cat;
	struct checklogs *cl;
	char *summary = NULL;
	size_t len;
	FILE *out;

	free(run_opts(SHOP, every_check, strlen(every_check), opt, &cat, &cl));
	st = checklogs_stats(cl);
	assert_int_equal(st->lines, 19);
	assert_int_equal(st->events, 15);
	assert_int_equal(st->errors, 20);
	assert_int_equal(st->warnings, 2);

	out = open_memstream(&summary, &len);
	checklogs_print_summary(out, cl);
	fclose(out);
	assert_string_equal(summary,
		"19 lines, 15 events, 20 errors, 2 warnings\n"
		"findings by check:\n"
		"  invalid-json                                    3\n"
		"  missing-standard-field                          6\n"
		"  unknown-module                                  1\n"
		"  undocumented-action                             2\n"
		"  level-mismatch                                  1\n"
		"  missing-id                                      3\n"
		"  unknown-field                                   1\n"
		"  field-type                                      5\n"
		"events by module and action:\n"
		"  cart                                           11\n"
		"    item_added                                    7\n"
		"    checkout_started                              2\n"
		"    charged                                       1  (undocumented)\n"
		"    item_add                                      1  (undocumented)\n"
		"  payment                                         3\n"
		"    charged                                       2\n"
		"    declined                                      1\n"
		"  crat                                            1  (unknown module)\n"
		"coverage: 4 of 5 actions seen (80.0%)\n"
		"never seen:\n"
		"  cart.checkout_failed\n");
	free(summary);
	checklogs_free(cl);
	catalogue_release(&cat);
}

static void json_capture(const struct checklogs_finding *f, void *data)
{
	FILE *out = data;

	if (ftell(out) > 0)
		putc(',', out);
	checklogs_json_finding(out, f);
}

static void test_checklogs_prints_the_json_report(void **state)
{
	static const char stream[] =
		"{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\"}\n"
		"shop-web-1  | {" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u\\\"2\",\"x\":1}\n"
		"oops \"quoted\"\n";
	struct checklogs_options opt = { .threads = 1 };
	struct catalogue cat;
	struct checklogs *cl;
	char *report = NULL;
	size_t len;
	FILE *findings = tmpfile(), *out;

	load(&cat, SHOP);
	opt.on_finding = json_capture;
	opt.data = findings;
	cl = checklogs_new(&cat, &opt);
	assert_int_equal(checklogs_read_buffer(cl, "a\"b.log", stream,
					       strlen(stream)), 0);
	out = open_memstream(&report, &len);
	checklogs_print_json(out, cl, findings, 2);
	fclose(out);
	fclose(findings);
	assert_string_equal(report,
		"{\"lines\":3,\"events\":2,\"findings\":["
		"{\"file\":\"a\\\"b.log\",\"line\":2,\"column\":131,\"check\":\"unknown-field\",\"severity\":\"warning\","
		"\"message\":\"field 'x' is not declared for action 'cart.item_added'\",\"container\":\"shop-web-1\"},"
		"{\"file\":\"a\\\"b.log\",\"line\":3,\"column\":1,\"check\":\"invalid-json\",\"severity\":\"error\","
		"\"message\":\"line is not a json object\"}],"
		"\"findings_shown\":2,\"findings_total\":2,"
		"\"counts\":{\"checks\":{\"invalid-json\":1,\"missing-standard-field\":0,\"unknown-module\":0,"
		"\"undocumented-action\":0,\"level-mismatch\":0,\"missing-id\":0,\"unknown-field\":1,\"field-type\":0},"
		"\"errors\":1,\"warnings\":1,"
		"\"modules\":{\"cart\":{\"events\":2,\"catalogued\":true,\"actions\":{\"item_added\":2},\"undocumented\":{}}},"
		"\"other_unknown\":0},"
		"\"coverage\":{\"seen\":1,\"total\":5,\"percent\":20.0,\"unseen\":["
		"{\"module\":\"cart\",\"action\":\"checkout_started\"},"
		"{\"module\":\"cart\",\"action\":\"checkout_failed\"},"
		"{\"module\":\"payment\",\"action\":\"charged\"},"
		"{\"module\":\"payment\",\"action\":\"declined\"}]}}\n");
	free(report);
	checklogs_free(cl);
	catalogue_release(&cat);
}

static void test_checklogs_accepts_clean_events_silently(void **state)
{
	char *text = run(SHOP,
		"{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\",\"count\":1,\"tags\":[],\"sizes\":[]}\r\n"
		"{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"checkout_started\",\"msg\":\"x\",\"order_id\":\"o\",\"user_id\":null,\"amount\":-1.5e3,\"paid\":false}\n"
		"   \t \n"
		"{\"ts\":\"2025-01-15T14:30:22.123456789Z\",\"level\":\"ERROR\",\"module\":\"cart\",\"action\":\"checkout_failed\",\"msg\":\"x\",\"order_id\":\"\\u006f1\",\"error\":\"\\ud83d\\ude00\"}\n"
		"{\"msg\":\"x\",\"action\":\"charged\",\"module\":\"payment\",\"level\":\"INFO\",\"ts\":\"2025-01-15T14:30:22Z\",\"order_id\":\"o\",\"amount\":9223372036854775808,\"provider\":\"visa\"}");
	assert_string_equal(text, "");
	free(text);
}

static void test_checklogs_accepts_an_int_for_a_float_not_the_reverse(void **state)
{
	char *text = run(SHOP,
		"{" TS "\"level\":\"INFO\",\"module\":\"payment\",\"action\":\"charged\",\"msg\":\"x\",\"order_id\":\"o\",\"amount\":3}\n"
		"{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u\",\"count\":3.5}\n"
		"{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u\",\"count\":99999999999999999999}\n");

	assert_string_equal(text,
		"app.log:2:114: error: field 'count' of action 'cart.item_added' is a number, expected 'int' [field-type]\n"
		"app.log:3:114: error: field 'count' of action 'cart.item_added' is an integer out of the int64 range, expected 'int' [field-type]\n");
	free(text);
}

static void test_checklogs_reads_docker_compose_output(void **state)
{
	char *text = run(SHOP,
		"Attaching to shop-web-1\n"
		"shop-web-1  | {" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\"}\n"
		"shop-web-2  | {" TS "\"level\":\"INFO\",\"module\":\"kart\",\"action\":\"item_added\",\"msg\":\"x\"}\n"
		"\x1b[36mshop-web-1  |\x1b[0m {" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\"}\n"
		"shop-web-1  | 2025-01-15T14:30:22.123456789Z {" TS "\"level\":\"DEBUG\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\"}\n"
		"shop-web-1  | Traceback (most recent call last):\n"
		"shop-web-1  | \n"
		"shop-web-1 exited with code 0\n");

	assert_string_equal(text,
		"app.log:1:1: error: line is not a json object [invalid-json]\n"
		"app.log:3:66: error: unknown module 'kart'; did you mean 'cart'? (container 'shop-web-2') [unknown-module]\n"
		"app.log:4:24: error: missing id field 'user_id' of action 'cart.item_added' (container 'shop-web-1') [missing-id]\n"
		"app.log:5:82: warning: action 'cart.item_added' logged at 'DEBUG', the catalogue says 'INFO' (container 'shop-web-1') [level-mismatch]\n"
		"app.log:6:15: error: line is not a json object (container 'shop-web-1') [invalid-json]\n"
		"app.log:8:1: error: line is not a json object [invalid-json]\n");
	free(text);
}

static void test_checklogs_checks_naive_timestamps(void **state)
{
	char *text = run(SHOP_NAIVE,
		"{\"ts\":\"2025-01-15T14:30:22.123456\",\"level\":\"ERROR\",\"module\":\"cart\",\"action\":\"checkout_failed\",\"msg\":\"x\",\"order_id\":\"o\"}\n"
		"{\"ts\":\"2025-01-15T14:30:22.123456Z\",\"level\":\"ERROR\",\"module\":\"cart\",\"action\":\"checkout_failed\",\"msg\":\"x\",\"order_id\":\"o\"}\n"
		"{\"ts\":\"2025-13-15T14:30:22\",\"level\":\"ERROR\",\"module\":\"cart\",\"action\":\"checkout_failed\",\"msg\":\"x\",\"order_id\":\"o\"}\n"
		"{\"ts\":\"2025-01-15T14:30:22.\",\"level\":\"ERROR\",\"module\":\"cart\",\"action\":\"checkout_failed\",\"msg\":\"x\",\"order_id\":\"o\"}\n");

	assert_string_equal(text,
		"app.log:2:2: error: timestamp '2025-01-15T14:30:22.123456Z' is not in the catalogue's format, like '2025-01-15T14:30:22.123456' [missing-standard-field]\n"
		"app.log:3:2: error: timestamp '2025-13-15T14:30:22' is not in the catalogue's format, like '2025-01-15T14:30:22.123456' [missing-standard-field]\n"
		"app.log:4:2: error: timestamp '2025-01-15T14:30:22.' is not in the catalogue's format, like '2025-01-15T14:30:22.123456' [missing-standard-field]\n");
	free(text);
}

static void test_checklogs_reports_bad_json_precisely(void **state)
{
	char *text = run(SHOP,
		"{\"a\":1,}\n"
		"{\"a\":01}\n"
		"{\"a\":\"\\x\"}\n"
		"{\"a\":\"\\ud800\"}\n"
		"{\"a\":\"\xc3\x28\"}\n"
		"{\"a\":\"tab\there\"}\n"
		"{\"a\":tru}\n"
		"{\"a\":[1,2}\n"
		"{\"a\":1} x\n"
		"{\"a\":\"\xed\xa0\x80\"}\n"
		"{\"a\":\"\xf4\x90\x80\x80\"}\n"
		"{\"a\":-}\n"
		"{\"a\":1.e5}\n"
		"{\"a\" 1}\n"
		"{\"a\":\"unterminated\n");

	assert_string_equal(text,
		"app.log:1:8: error: invalid json: expected a string key [invalid-json]\n"
		"app.log:2:7: error: invalid json: expected ',' or '}' [invalid-json]\n"
		"app.log:3:7: error: invalid json: invalid escape in string [invalid-json]\n"
		"app.log:4:7: error: invalid json: lone utf-16 surrogate in string [invalid-json]\n"
		"app.log:5:7: error: invalid json: invalid utf-8 in string [invalid-json]\n"
		"app.log:6:10: error: invalid json: control character in string [invalid-json]\n"
		"app.log:7:6: error: invalid json: unexpected character [invalid-json]\n"
		"app.log:8:10: error: invalid json: expected ',' or ']' [invalid-json]\n"
		"app.log:9:9: error: invalid json: unexpected text after the object [invalid-json]\n"
		"app.log:10:7: error: invalid json: invalid utf-8 in string [invalid-json]\n"
		"app.log:11:7: error: invalid json: invalid utf-8 in string [invalid-json]\n"
		"app.log:12:7: error: invalid json: invalid number [invalid-json]\n"
		"app.log:13:8: error: invalid json: invalid number [invalid-json]\n"
		"app.log:14:6: error: invalid json: expected ':' after a key [invalid-json]\n"
		"app.log:15:19: error: invalid json: unterminated string [invalid-json]\n");
	free(text);
}

static void test_checklogs_limits_nesting(void **state)
{
	size_t depth = JL_MAX_DEPTH + 10, i;
	char *line = malloc(2 * depth + 16), *text;
	size_t n = 0;

	n += (size_t)sprintf(line, "{\"a\":");
	for (i = 0; i < depth; i++)
		line[n++] = '[';
	for (i = 0; i < depth; i++)
		line[n++] = ']';
	strcpy(line + n, "}\n");
	text = run(SHOP, line);
	assert_string_equal(text,
		"app.log:1:2053: error: invalid json: nesting too deep [invalid-json]\n");
	free(text);
	free(line);
}

/*
 * Truncated lines, binary bytes, a 1 MB line, empty lines: each bad line
 * is reported once and the lines after it are still checked.
 */
static void test_checklogs_survives_hostile_lines(void **state)
{
	static const char good[] = "{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\",\"user_id\":\"u1\"}\n";
	static const char bad[] = "{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"item_added\",\"msg\":\"x\"}\n";
	struct checklogs_options opt = { .threads = 1 };
	size_t big = 1 << 20, len = 0, i;
	char *stream = malloc(big + 4096), *text;
	struct catalogue cat;
	struct checklogs *cl;

	len += (size_t)sprintf(stream + len, "%s", good);
	len += (size_t)sprintf(stream + len, "{\"ts\":\"2025-01-15T14:3\n");
	stream[len++] = '\0';
	stream[len++] = '\x01';
	stream[len++] = '\xff';
	stream[len++] = '\n';
	len += (size_t)sprintf(stream + len, "\n\n%s", bad);
	len += (size_t)sprintf(stream + len, "{\"msg\":\"");
	for (i = 0; i < big; i++)
		stream[len++] = (char)('a' + i % 26);
	len += (size_t)sprintf(stream + len, "\"}\n%s", bad);
	stream[len++] = '{';

	text = run_opts(SHOP, stream, len, opt, &cat, &cl);
	assert_string_equal(text,
		"app.log:2:23: error: invalid json: unterminated string [invalid-json]\n"
		"app.log:3:1: error: line is not a json object [invalid-json]\n"
		"app.log:6:1: error: missing id field 'user_id' of action 'cart.item_added' [missing-id]\n"
		"app.log:7:1: error: missing standard field 'ts' [missing-standard-field]\n"
		"app.log:7:1: error: missing standard field 'level' [missing-standard-field]\n"
		"app.log:7:1: error: missing standard field 'module' [missing-standard-field]\n"
		"app.log:7:1: error: missing standard field 'action' [missing-standard-field]\n"
		"app.log:8:1: error: missing id field 'user_id' of action 'cart.item_added' [missing-id]\n"
		"app.log:9:2: error: invalid json: unexpected end of line [invalid-json]\n");
	assert_int_equal(checklogs_stats(cl)->lines, 9);
	assert_int_equal(checklogs_stats(cl)->events, 4);
	free(text);
	checklogs_free(cl);
	catalogue_release(&cat);

	/* the same with a limit below the long line: skipped, not buffered */
	opt.max_line = 4096;
	opt.block_size = 1024;
	text = run_opts(SHOP, stream, len, opt, &cat, &cl);
	assert_non_null(strstr(text,
		"app.log:7:1: error: line too long: more than 4096 bytes [invalid-json]\n"
		"app.log:8:1: error: missing id field 'user_id' of action 'cart.item_added' [missing-id]\n"));
	assert_int_equal(checklogs_stats(cl)->lines, 9);
	free(text);
	checklogs_free(cl);
	catalogue_release(&cat);
	free(stream);
}

/* Threads and tiny blocks give the same findings in the same order. */
static void test_checklogs_threads_keep_input_order(void **state)
{
	struct checklogs_options opt = { .threads = 1 };
	struct catalogue cat;
	struct checklogs *cl;
	size_t len = 0, i, size = 60 * sizeof(every_check);
	char *stream = malloc(size), *one, *many;

	for (i = 0; i < 50; i++)
		len += (size_t)sprintf(stream + len, "%s", every_check);
	one = run_opts(SHOP, stream, len, opt, &cat, &cl);
	assert_int_equal(checklogs_stats(cl)->lines, 50 * 19);
	checklogs_free(cl);
	catalogue_release(&cat);

	opt.threads = 4;
	opt.block_size = 300;
	opt.max_line = 1000;
	many = run_opts(SHOP, stream, len, opt, &cat, &cl);
	assert_int_equal(checklogs_stats(cl)->lines, 50 * 19);
	assert_int_equal(checklogs_stats(cl)->errors, 50 * 20);
	assert_string_equal(one, many);
	checklogs_free(cl);
	catalogue_release(&cat);
	free(one);
	free(many);
	free(stream);
}

/* Line numbers restart with each file; totals add up. */
static void test_checklogs_numbers_lines_per_file(void **state)
{
	static const char stream[] = "\nnope\n";
	struct checklogs_options opt = { .threads = 2 };
	struct capture cap = { NULL, 0, NULL };
	struct catalogue cat;
	struct checklogs *cl;

	load(&cat, SHOP);
	cap.out = open_memstream(&cap.text, &cap.len);
	opt.on_finding = capture_finding;
	opt.data = &cap;
	cl = checklogs_new(&cat, &opt);
	checklogs_read_buffer(cl, "a.log", stream, strlen(stream));
	checklogs_read_buffer(cl, "b.log", stream, strlen(stream));
	fclose(cap.out);
	assert_string_equal(cap.text,
		"a.log:2:1: error: line is not a json object [invalid-json]\n"
		"b.log:2:1: error: line is not a json object [invalid-json]\n");
	assert_int_equal(checklogs_stats(cl)->lines, 4);
	free(cap.text);
	checklogs_free(cl);
	catalogue_release(&cat);
}

static void test_checklogs_quotes_hostile_values_safely(void **state)
{
	char *text = run(SHOP,
		"{" TS "\"level\":\"INFO\",\"module\":\"a\\u001b[31m'b\\n\",\"action\":\"x\",\"msg\":\"x\"}\n"
		"{" TS "\"level\":\"INFO\",\"module\":\"cart\",\"action\":\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\",\"msg\":\"x\"}\n");

	assert_string_equal(text,
		"app.log:1:52: error: unknown module 'a?[31m?b?' [unknown-module]\n"
		"app.log:2:68: error: undocumented action '"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"...' in module 'cart' [undocumented-action]\n");
	free(text);
}

static void test_checklogs_skips_switched_off_checks(void **state)
{
	struct checklogs_options opt = { .threads = 1 };
	const struct checklogs_stats *st;
	struct catalogue cat;
	struct checklogs *cl;
	char *text;

	opt.disabled = 1u << CHECKLOGS_INVALID_JSON |
		       1u << CHECKLOGS_UNKNOWN_FIELD;
	text = run_opts(SHOP, every_check, strlen(every_check), opt, &cat,
			&cl);
	assert_null(strstr(text, "[invalid-json]"));
	assert_null(strstr(text, "[unknown-field]"));
	assert_non_null(strstr(text, "[missing-id]"));
	st = checklogs_stats(cl);
	assert_int_equal(st->checks[CHECKLOGS_INVALID_JSON], 0);
	assert_int_equal(st->errors, 17);
	assert_int_equal(st->warnings, 1);
	assert_int_equal(checklogs_check_parse("field-type"),
			 CHECKLOGS_FIELD_TYPE);
	assert_int_equal(checklogs_check_parse("no-such-check"), -1);
	free(text);
	checklogs_free(cl);
	catalogue_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checklogs_reports_each_check_at_its_line),
		cmocka_unit_test(test_checklogs_counts_every_check_and_the_coverage),
		cmocka_unit_test(test_checklogs_prints_the_json_report),
		cmocka_unit_test(test_checklogs_accepts_clean_events_silently),
		cmocka_unit_test(test_checklogs_accepts_an_int_for_a_float_not_the_reverse),
		cmocka_unit_test(test_checklogs_reads_docker_compose_output),
		cmocka_unit_test(test_checklogs_checks_naive_timestamps),
		cmocka_unit_test(test_checklogs_reports_bad_json_precisely),
		cmocka_unit_test(test_checklogs_limits_nesting),
		cmocka_unit_test(test_checklogs_survives_hostile_lines),
		cmocka_unit_test(test_checklogs_threads_keep_input_order),
		cmocka_unit_test(test_checklogs_numbers_lines_per_file),
		cmocka_unit_test(test_checklogs_quotes_hostile_values_safely),
		cmocka_unit_test(test_checklogs_skips_switched_off_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
