/* test_mustache.c: the Mustache engine against the spec, and its escapers. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mustache.h"

/* Relative to the repository root, where the tests run. */
#ifndef MUSTACHE_SPEC_DIR
#define MUSTACHE_SPEC_DIR "../shared/testdata/mustache-spec"
#endif

static const char *spec_dir = MUSTACHE_SPEC_DIR;

static const char *const spec_files[] = {
	"comments.json",
	"delimiters.json",
	"interpolation.json",
	"inverted.json",
	"partials.json",
	"sections.json",
	"~dynamic-names.json",
	"~inheritance.json",
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Partials come from a JSON object of name to template text. */
static const char *partial_from_json(void *ctx, const char *name,
				     size_t *len)
{
	json_t *text = json_object_get(ctx, name);

	if (!json_is_string(text))
		return NULL;
	*len = json_string_length(text);
	return json_string_value(text);
}

/* Print bytes as a JSON string, so whitespace differences show. */
static void quoted_print(const char *label, const char *s, size_t len)
{
	json_t *str = json_stringn_nocheck(s, len);
	char *dump = json_dumps(str, JSON_ENCODE_ANY);

	print_error("    %-9s %s\n", label, dump ? dump : "(unprintable)");
	free(dump);
	json_decref(str);
}

static int spec_case_run(const char *file, json_t *test)
{
	const char *name = json_string_value(json_object_get(test, "name"));
	json_t *tmpl = json_object_get(test, "template");
	json_t *expected = json_object_get(test, "expected");
	json_t *partials = json_object_get(test, "partials");
	struct mustache_error err;
	size_t len = 0;
	char *out = NULL;
	int ret;

	ret = mustache_render(name, json_string_value(tmpl),
			      json_string_length(tmpl),
			      json_object_get(test, "data"), NULL,
			      partial_from_json, partials, &out, &len, &err);
	if (!ret && len == json_string_length(expected) &&
	    !memcmp(out, json_string_value(expected), len)) {
		free(out);
		return 0;
	}

	print_error("  FAIL %s: %s\n", file, name ? name : "(unnamed)");
	quoted_print("template", json_string_value(tmpl),
		     json_string_length(tmpl));
	quoted_print("expected", json_string_value(expected),
		     json_string_length(expected));
	if (ret)
		print_error("    error     %s:%u:%u: %s\n", err.template_name,
			    err.line, err.column, err.message);
	else
		quoted_print("got", out, len);
	free(out);
	return -1;
}

/* Every test of one spec file must pass; each failure is named. */
static void test_spec_file(void **state)
{
	const char *file = *state;
	json_error_t jerr;
	json_t *spec, *tests, *test;
	char path[4096];
	size_t i, failed = 0;

	snprintf(path, sizeof(path), "%s/%s", spec_dir, file);
	spec = json_load_file(path, 0, &jerr);
	if (!spec)
		fail_msg("cannot read '%s': %s", path, jerr.text);
	tests = json_object_get(spec, "tests");
	assert_true(json_array_size(tests) > 0);

	json_array_foreach(tests, i, test)
		if (spec_case_run(file, test) < 0)
			failed++;
	print_message("  %s: %zu of %zu spec tests pass\n", file,
		      json_array_size(tests) - failed, json_array_size(tests));
	json_decref(spec);
	assert_int_equal(failed, 0);
}

static int is_known_spec_file(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(spec_files); i++)
		if (!strcmp(name, spec_files[i]))
			return 1;
	return 0;
}

/* A spec file added to the directory must not go unrun. */
static void test_spec_dir_holds_no_unlisted_file(void **state)
{
	struct dirent *de;
	size_t len, unlisted = 0;
	DIR *dir;

	(void)state;
	dir = opendir(spec_dir);
	if (!dir)
		fail_msg("cannot open spec directory '%s'", spec_dir);
	while ((de = readdir(dir))) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 5, ".json"))
			continue;
		if (!is_known_spec_file(de->d_name)) {
			print_error("  spec file '%s' is not run\n",
				    de->d_name);
			unlisted++;
		}
	}
	closedir(dir);
	assert_int_equal(unlisted, 0);
}

static char *escaped(mustache_escape_fn escape, const char *prefix,
		     const char *s, size_t len)
{
	struct mustache_buf buf;

	mustache_buf_init(&buf, 0);
	mustache_buf_add(&buf, prefix, strlen(prefix));
	escape(&buf, s, len);
	mustache_buf_add(&buf, "", 0);
	assert_int_equal(buf.state, MUSTACHE_BUF_OK);
	return buf.data;
}

static void assert_escapes(mustache_escape_fn escape, const char *in,
			   const char *want)
{
	char *got = escaped(escape, "", in, strlen(in));

	assert_string_equal(got, want);
	free(got);
}

static void test_escape_html_replaces_markup_characters(void **state)
{
	(void)state;
	assert_escapes(mustache_escape_html, "<a href=\"x\">&'</a>",
		       "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
	assert_escapes(mustache_escape_html, "caf\xc3\xa9", "caf\xc3\xa9");
}

static void test_escape_c_escapes_quotes_and_whitespace(void **state)
{
	(void)state;
	assert_escapes(mustache_escape_c, "say \"hi\"\\\n\r\t",
		       "say \\\"hi\\\"\\\\\\n\\r\\t");
}

static void test_escape_c_writes_other_controls_in_octal(void **state)
{
	(void)state;
	assert_escapes(mustache_escape_c, "\x01" "7\x1f\x7f",
		       "\\0017\\037\\177");
}

static void test_escape_c_defeats_trigraphs(void **state)
{
	(void)state;
	assert_escapes(mustache_escape_c, "what?\?=", "what\\?\\?=");
}

static void test_escape_c_cannot_close_comment(void **state)
{
	char *got;

	(void)state;
	assert_escapes(mustache_escape_c, "a */ b", "a *\\057 b");
	assert_escapes(mustache_escape_c, "**/", "**\\057");

	/* A `*` already written, from the template, counts too. */
	got = escaped(mustache_escape_c, "/* x *", "/ y", 3);
	assert_string_equal(got, "/* x *\\057 y");
	free(got);
}

static void test_escape_c_cannot_open_comment(void **state)
{
	(void)state;
	assert_escapes(mustache_escape_c, "a /* b", "a /\\052 b");
}

static void test_escape_c_copies_utf8(void **state)
{
	(void)state;
	assert_escapes(mustache_escape_c, "caf\xc3\xa9 \xe2\x82\xac",
		       "caf\xc3\xa9 \xe2\x82\xac");
}

/* Undo C string escapes: the inverse of mustache_escape_c(). */
static size_t c_unescape(const char *s, char *out)
{
	size_t n = 0;

	while (*s) {
		if (*s != '\\') {
			out[n++] = *s++;
			continue;
		}
		s++;
		if (*s >= '0' && *s <= '7') {
			out[n++] = (char)((s[0] - '0') * 64 + (s[1] - '0') * 8 +
					  (s[2] - '0'));
			s += 3;
			continue;
		}
		switch (*s) {
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		default: out[n++] = *s; break;
		}
		s++;
	}
	return n;
}

static void test_escape_c_round_trips_every_byte(void **state)
{
	char in[512], back[512], *got;
	size_t i, n = 0;

	(void)state;
	for (i = 1; i < 256; i++) {
		in[n++] = (char)i;
		in[n++] = i % 2 ? '*' : '/';
	}
	got = escaped(mustache_escape_c, "", in, n);
	assert_null(strstr(got, "*/"));
	assert_null(strstr(got, "/*"));
	assert_null(strstr(got, "??"));
	for (i = 0; got[i]; i++)
		assert_false((unsigned char)got[i] < 0x20 || got[i] == 0x7f);
	assert_int_equal(c_unescape(got, back), n);
	assert_memory_equal(back, in, n);
	free(got);
}

static void test_escape_json_escapes_quotes_and_controls(void **state)
{
	(void)state;
	assert_escapes(mustache_escape_json, "\"a\\b\"\n\r\t\x01\x1f/\x7f",
		       "\\\"a\\\\b\\\"\\n\\r\\t\\u0001\\u001f/\x7f");
}

static void test_escape_json_output_parses_back(void **state)
{
	char in[160], *got, *doc;
	json_t *str;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < 128; i++)
		in[n++] = (char)i;
	memcpy(in + n, "\xc3\xa9\xe2\x82\xac", 5);
	n += 5;
	got = escaped(mustache_escape_json, "", in, n);
	doc = malloc(strlen(got) + 3);
	assert_non_null(doc);
	sprintf(doc, "\"%s\"", got);
	str = json_loads(doc, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	assert_non_null(str);
	assert_int_equal(json_string_length(str), n);
	assert_memory_equal(json_string_value(str), in, n);
	json_decref(str);
	free(doc);
	free(got);
}

static void test_escape_none_copies_bytes(void **state)
{
	(void)state;
	assert_escapes(mustache_escape_none, "<&\"\n*/?\?>", "<&\"\n*/?\?>");
}

static void test_buf_stops_at_limit(void **state)
{
	struct mustache_buf buf;

	(void)state;
	mustache_buf_init(&buf, 4);
	assert_int_equal(mustache_buf_add(&buf, "abc", 3), 0);
	assert_int_equal(mustache_buf_add(&buf, "de", 2), -1);
	assert_int_equal(buf.state, MUSTACHE_BUF_FULL);
	assert_int_equal(mustache_buf_addch(&buf, 'd'), -1);
	assert_string_equal(buf.data, "abc");
	mustache_buf_release(&buf);
	assert_null(buf.data);
	assert_int_equal(buf.state, MUSTACHE_BUF_OK);
}

/* Render `tmpl` against JSON text `data`, with partials from JSON `parts`. */
static int render_json(const char *tmpl, const char *data, const char *parts,
		       mustache_escape_fn escape, char **out,
		       struct mustache_error *err)
{
	json_t *d = json_loads(data ? data : "null", JSON_DECODE_ANY, NULL);
	json_t *p = parts ? json_loads(parts, 0, NULL) : NULL;
	size_t len;
	int ret;

	ret = mustache_render("main", tmpl, strlen(tmpl), d, escape,
			      partial_from_json, p, out, &len, err);
	json_decref(d);
	json_decref(p);
	return ret;
}

static void assert_renders(const char *tmpl, const char *data,
			   const char *want)
{
	struct mustache_error err;
	char *out;

	if (render_json(tmpl, data, NULL, NULL, &out, &err) < 0)
		fail_msg("'%s' failed: %s", tmpl, err.message);
	assert_string_equal(out, want);
	free(out);
}

static void assert_fails(const char *tmpl, const char *parts,
			 const char *message, const char *where,
			 unsigned line, unsigned column)
{
	struct mustache_error err;
	char *out = (char *)"unset";

	assert_int_equal(render_json(tmpl, "{}", parts, NULL, &out, &err), -1);
	assert_null(out);
	assert_string_equal(err.message, message);
	assert_string_equal(err.template_name, where);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
}

static void test_render_reports_unclosed_section(void **state)
{
	(void)state;
	assert_fails("a\n  {{#actions}}x", NULL, "unclosed section 'actions'",
		     "main", 2, 3);
	assert_fails("{{<p}}{{$b}}", NULL, "unclosed block 'b'", "main", 1, 7);
}

static void test_render_reports_unclosed_tag(void **state)
{
	(void)state;
	assert_fails("ab {{name", NULL, "unclosed tag", "main", 1, 4);
	assert_fails("{{{name}}", NULL, "unclosed tag", "main", 1, 1);
	assert_fails("{{", NULL, "unclosed tag", "main", 1, 1);
}

static void test_render_reports_mismatched_close(void **state)
{
	(void)state;
	assert_fails("{{#a}}\n {{/b}}", NULL,
		     "closing tag 'b' does not match section 'a'", "main",
		     2, 2);
	assert_fails("x{{/a}}", NULL, "unexpected closing tag 'a'", "main",
		     1, 2);
	assert_fails("{{<*n}}{{/n}}", NULL,
		     "closing tag 'n' does not match parent '*n'", "main", 1, 8);
}

static void test_render_reports_bad_delimiter_change(void **state)
{
	(void)state;
	assert_fails("{{=<%%>=}}", NULL, "invalid delimiter change", "main",
		     1, 1);
	assert_fails("\n{{=< % >=}}", NULL, "invalid delimiter change", "main",
		     2, 1);
	assert_fails("{{=a= b=}}", NULL, "invalid delimiter change", "main",
		     1, 1);
	assert_fails("{{= | |}}", NULL, "unclosed tag", "main", 1, 1);
	assert_fails("{{=<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<< >>=}}", NULL,
		     "delimiter longer than 32 bytes", "main", 1, 1);
}

static void test_render_reports_missing_name(void **state)
{
	(void)state;
	assert_fails("{{#}}{{/}}", NULL, "missing name in tag", "main", 1, 1);
	assert_fails("{{ }}", NULL, "missing name in tag", "main", 1, 1);
	assert_fails("{{>* }}", NULL, "missing name in tag", "main", 1, 1);
}

static void test_render_reports_error_in_partial_where_it_is(void **state)
{
	(void)state;
	assert_fails("ok {{>p}}", "{\"p\": \"x\\n {{#y}}\"}",
		     "unclosed section 'y'", "p", 2, 2);
}

static void test_render_stops_recursive_partials(void **state)
{
	(void)state;
	assert_fails("{{>p}}", "{\"p\": \"x{{>p}}\"}",
		     "partials nested deeper than 64", "p", 1, 2);
}

/* {"l": [0, 1, ..., n - 1]}, malloc'd. */
static char *list_json(size_t n)
{
	char *data = malloc(16 + n * 12);
	size_t i, len;

	assert_non_null(data);
	len = (size_t)sprintf(data, "{\"l\": [0");
	for (i = 1; i < n; i++)
		len += (size_t)sprintf(data + len, ",%zu", i);
	strcpy(data + len, "]}");
	return data;
}

static void test_render_stops_runaway_loops(void **state)
{
	struct mustache_error err;
	char *data = list_json(1000), *out;

	(void)state;
	assert_int_equal(render_json("{{#l}}{{#l}}{{#l}}{{#l}}{{/l}}{{/l}}"
				     "{{/l}}{{/l}}", data, NULL, NULL, &out,
				     &err), -1);
	assert_string_equal(err.message,
			    "rendering takes more than 16777216 steps");
	free(data);
}

static const char *partial_any(void *ctx, const char *name, size_t *len)
{
	(void)ctx;
	(void)name;
	*len = 1;
	return "x";
}

static void test_render_limits_distinct_partials(void **state)
{
	struct mustache_error err;
	char tmpl[4096], *out;
	size_t i, n = 0, len;

	(void)state;
	for (i = 0; i < 128; i++)
		n += (size_t)sprintf(tmpl + n, "{{>p%zu}}{{>p0}}", i);
	assert_int_equal(mustache_render("many", tmpl, n, NULL, NULL,
					 partial_any, NULL, &out, &len, &err),
			 0);
	assert_int_equal(len, 128 * 2);
	free(out);
	n += (size_t)sprintf(tmpl + n, "{{>p128}}");
	assert_int_equal(mustache_render("many", tmpl, n, NULL, NULL,
					 partial_any, NULL, &out, &len, &err),
			 -1);
	assert_string_equal(err.message, "more than 128 partials in one render");
}

static void test_render_takes_dynamic_names_from_strings_only(void **state)
{
	(void)state;
	assert_renders("[{{>*s}}|{{>*n}}|{{>*o}}|{{>*m}}]",
		       "{\"s\": \"p\", \"n\": 1, \"o\": {\"p\": 1},"
		       " \"p\": \"no\"}", "[|||]");
}

static void test_render_stops_recursive_blocks(void **state)
{
	(void)state;
	assert_fails("{{<p}}{{$a}}{{$a}}x{{/a}}{{/a}}{{/p}}",
		     "{\"p\": \"{{$a}}{{/a}}\"}",
		     "templates nested deeper than 512", "main", 1, 7);
}

static void test_render_caps_output_size(void **state)
{
	struct mustache_error err;
	char *tmpl, *data = list_json(1000), *out;
	size_t n;

	(void)state;
	tmpl = malloc(70000);
	assert_non_null(tmpl);
	n = (size_t)sprintf(tmpl, "{{#l}}{{#l}}{{#l}}");
	memset(tmpl + n, 'x', 65536);
	strcpy(tmpl + n + 65536, "{{/l}}{{/l}}{{/l}}");

	assert_int_equal(render_json(tmpl, data, NULL, NULL, &out, &err), -1);
	assert_string_equal(err.message, "output larger than 268435456 bytes");
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 19);
	free(tmpl);
	free(data);
}

static void test_render_prints_numbers_as_written(void **state)
{
	(void)state;
	assert_renders("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
		       "{\"a\": 0.1, \"b\": 1e300, \"c\": -3, \"d\": 2.5e-8,"
		       " \"e\": 9007199254740993, \"f\": 100.0}",
		       "0.1 1e+300 -3 2.5e-08 9007199254740993 100");
	assert_renders("{{#l}}{{.}} {{/l}}",
		       "{\"l\": [-1500.0, 1e16, 1e17, 0.30000000000000004,"
		       " 123456.789, 5e-324]}",
		       "-1500 1e+16 1e+17 0.30000000000000004"
		       " 123456.789 5e-324 ");
}

static void test_render_treats_empty_string_and_zero_as_truthy(void **state)
{
	(void)state;
	assert_renders("{{#s}}s{{/s}}{{#z}}z{{/z}}{{#o}}o{{/o}}"
		       "{{^n}}n{{/n}}{{^f}}f{{/f}}{{^e}}e{{/e}}{{^m}}m{{/m}}",
		       "{\"s\": \"\", \"z\": 0, \"o\": {}, \"n\": null,"
		       " \"f\": false, \"e\": []}",
		       "szonfem");
}

static void test_render_prints_containers_as_json(void **state)
{
	(void)state;
	assert_renders("{{{a}}} {{{o}}}",
		       "{\"a\": [1, \"x\"], \"o\": {\"k\": true}}",
		       "[1,\"x\"] {\"k\":true}");
}

static void test_render_uses_given_escaper(void **state)
{
	struct mustache_error err;
	char *out;

	(void)state;
	assert_int_equal(render_json("/* {{c}} */ \"{{c}}\" {{{c}}}",
				     "{\"c\": \"*/\\\"<\"}", NULL,
				     mustache_escape_c, &out, &err), 0);
	assert_string_equal(out, "/* *\\057\\\"< */ \"*\\057\\\"<\" */\"<");
	free(out);
}

static void test_render_accepts_empty_template_and_null_data(void **state)
{
	struct mustache_error err;
	size_t len = 1;
	char *out = NULL;

	(void)state;
	assert_int_equal(mustache_render(NULL, NULL, 0, NULL, NULL, NULL, NULL,
					 &out, &len, &err), 0);
	assert_non_null(out);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
	free(out);
	assert_renders("[{{.}}{{a}}{{#a}}x{{/a}}{{>p}}]", NULL, "[]");
}

static void test_render_keeps_nul_bytes(void **state)
{
	json_t *data = json_pack("{s:s%}", "v", "a\0b", (size_t)3);
	const char tmpl[] = "<\0{{{v}}}>";
	size_t len;
	char *out;

	(void)state;
	assert_int_equal(mustache_render("t", tmpl, sizeof(tmpl) - 1, data,
					 NULL, NULL, NULL, &out, &len, NULL),
			 0);
	assert_int_equal(len, 6);
	assert_memory_equal(out, "<\0a\0b>", 6);
	free(out);
	json_decref(data);
}

static void test_render_reindents_standalone_partial_lines(void **state)
{
	struct mustache_error err;
	char *out;

	(void)state;
	assert_int_equal(render_json("<\n  {{>p}}\n>",
				     "{\"l\": true, \"v\": \"a\\nb\"}",
				     "{\"p\": \"{{#l}}\\n{{v}}\\n{{/l}}"
				     "\\n[{{>q}}]\\n\", \"q\": \"1\\n2\"}",
				     NULL, &out, &err), 0);
	assert_string_equal(out, "<\n  a\nb\n  [1\n2]\n>");
	free(out);
}

#define SPEC_TEST(file) { "test_spec_" file, test_spec_file, NULL, NULL, \
			  (void *)(file ".json") }

int main(int argc, char **argv)
{
	const char *env = getenv("MUSTACHE_SPEC_DIR");
	const struct CMUnitTest tests[] = {
		SPEC_TEST("comments"),
		SPEC_TEST("delimiters"),
		SPEC_TEST("interpolation"),
		SPEC_TEST("inverted"),
		SPEC_TEST("partials"),
		SPEC_TEST("sections"),
		SPEC_TEST("~dynamic-names"),
		SPEC_TEST("~inheritance"),
		cmocka_unit_test(test_spec_dir_holds_no_unlisted_file),
		cmocka_unit_test(test_escape_html_replaces_markup_characters),
		cmocka_unit_test(test_escape_c_escapes_quotes_and_whitespace),
		cmocka_unit_test(test_escape_c_writes_other_controls_in_octal),
		cmocka_unit_test(test_escape_c_defeats_trigraphs),
		cmocka_unit_test(test_escape_c_cannot_close_comment),
		cmocka_unit_test(test_escape_c_cannot_open_comment),
		cmocka_unit_test(test_escape_c_copies_utf8),
		cmocka_unit_test(test_escape_c_round_trips_every_byte),
		cmocka_unit_test(test_escape_json_escapes_quotes_and_controls),
		cmocka_unit_test(test_escape_json_output_parses_back),
		cmocka_unit_test(test_escape_none_copies_bytes),
		cmocka_unit_test(test_buf_stops_at_limit),
		cmocka_unit_test(test_render_reports_unclosed_section),
		cmocka_unit_test(test_render_reports_unclosed_tag),
		cmocka_unit_test(test_render_reports_mismatched_close),
		cmocka_unit_test(test_render_reports_bad_delimiter_change),
		cmocka_unit_test(test_render_reports_missing_name),
		cmocka_unit_test(test_render_reports_error_in_partial_where_it_is),
		cmocka_unit_test(test_render_stops_recursive_partials),
		cmocka_unit_test(test_render_stops_runaway_loops),
		cmocka_unit_test(test_render_limits_distinct_partials),
		cmocka_unit_test(test_render_takes_dynamic_names_from_strings_only),
		cmocka_unit_test(test_render_stops_recursive_blocks),
		cmocka_unit_test(test_render_caps_output_size),
		cmocka_unit_test(test_render_prints_numbers_as_written),
		cmocka_unit_test(test_render_treats_empty_string_and_zero_as_truthy),
		cmocka_unit_test(test_render_prints_containers_as_json),
		cmocka_unit_test(test_render_uses_given_escaper),
		cmocka_unit_test(test_render_accepts_empty_template_and_null_data),
		cmocka_unit_test(test_render_keeps_nul_bytes),
		cmocka_unit_test(test_render_reindents_standalone_partial_lines),
	};

	if (argc > 1)
		spec_dir = argv[1];
	else if (env && *env)
		spec_dir = env;
	return cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
}
