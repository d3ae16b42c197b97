/* sarif.c: findings as SARIF 2.1.0, the way GitHub code scanning reads it. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>

#include "internal.h"
#include "util.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define FINGERPRINT_KEY "logschemaFindingHash/v1"

static const char *sarif_level(enum diag_severity severity)
{
	switch (severity) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	default:
		return "note";
	}
}

static json_t *text(const char *s)
{
	return json_pack("{s:s}", "text", s);
}

static json_t *rules(void)
{
	json_t *list = json_array();
	int i;

	for (i = 0; i < LINT_CHECK_COUNT; i++) {
		json_t *rule = json_object();

		json_object_set_new(rule, "id", json_string(lint_check_name(i)));
		json_object_set_new(rule, "shortDescription",
				    text(lint_check_summary(i)));
		json_object_set_new(rule, "defaultConfiguration",
				    json_pack("{s:s,s:b}", "level",
					      sarif_level(lint_check_severity(i)),
					      "enabled", lint_check_default(i)));
		json_array_append_new(list, rule);
	}
	return list;
}

/* Percent-encode what a URI path may not hold as is. */
static char *uri_encode(const char *prefix, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(prefix), i = 0;
	char *out = xmalloc(n + 3 * strlen(path) + 1);
	const unsigned char *p;

	memcpy(out, prefix, n);
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			out[n + i++] = *p;
		} else {
			out[n + i++] = '%';
			out[n + i++] = hex[*p >> 4];
			out[n + i++] = hex[*p & 15];
		}
	}
	out[n + i] = '\0';
	return out;
}

/* The file's artifactLocation: relative to SRCROOT when under it. */
static json_t *artifact(const char *root, const char *file)
{
	char *abs = path_absolute(NULL, file);
	size_t n = strlen(root);
	json_t *loc;
	char *uri;

	if (!strncmp(abs, root, n) && abs[n] == '/') {
		uri = uri_encode("", abs + n + 1);
		loc = json_pack("{s:s,s:s}", "uri", uri, "uriBaseId",
				"SRCROOT");
	} else {
		uri = uri_encode("file://", abs);
		loc = json_pack("{s:s}", "uri", uri);
	}
	free(uri);
	free(abs);
	return loc;
}

/* The files' text, one at a time (the findings come sorted by file). */
struct source {
	char *path;
	char *buf;
	size_t len;
};

static void load_source(struct source *src, const char *file)
{
	if (src->path && !strcmp(src->path, file))
		return;
	free(src->path);
	free(src->buf);
	src->path = xstrdup(file);
	if (read_file(file, &src->buf, &src->len, 64 << 20)) {
		src->buf = NULL;
		src->len = 0;
	}
}

/*
 * A hash of the file, the check, the message and the line's text without
 * its indentation: it survives the line moving up or down the file.
 */
static char *fingerprint(struct source *src, const struct diag *d)
{
	unsigned long long h = FNV1A64_INIT;
	const char *p, *end, *line = NULL;
	unsigned n;

	load_source(src, d->file);
	if (src->buf && d->line) {
		for (p = src->buf, end = p + src->len, n = 1;
		     p < end && n < d->line; p++)
			if (*p == '\n')
				n++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		line = p;
		while (p < end && *p != '\n' && *p != '\r')
			p++;
		while (p > line && (p[-1] == ' ' || p[-1] == '\t'))
			p--;
	}
	h = fnv1a64(h, d->file, strlen(d->file) + 1);
	h = fnv1a64(h, d->check, strlen(d->check) + 1);
	h = fnv1a64(h, d->message, strlen(d->message) + 1);
	if (line)
		h = fnv1a64(h, line, p - line);
	return xasprintf("%016llx", h);
}

static int rule_index(const char *check)
{
	return check ? lint_check_lookup(check) : -1;
}

static json_t *result(struct source *src, const char *root,
		      const struct diag *d)
{
	json_t *res = json_object();
	json_t *phys = json_object();
	char *hash = fingerprint(src, d);

	json_object_set_new(phys, "artifactLocation", artifact(root, d->file));
	if (d->line)
		json_object_set_new(phys, "region",
				    d->column ?
				    json_pack("{s:i,s:i}", "startLine", d->line,
					      "startColumn", d->column) :
				    json_pack("{s:i}", "startLine", d->line));
	json_object_set_new(res, "ruleId", json_string(d->check));
	json_object_set_new(res, "ruleIndex",
			    json_integer(rule_index(d->check)));
	json_object_set_new(res, "level",
			    json_string(sarif_level(d->severity)));
	json_object_set_new(res, "message", text(d->message));
	json_object_set_new(res, "locations",
			    json_pack("[{s:o}]", "physicalLocation", phys));
	json_object_set_new(res, "partialFingerprints",
			    json_pack("{s:s}", FINGERPRINT_KEY, hash));
	free(hash);
	return res;
}

/* A problem that is not about a place in a file: a tool notification. */
static json_t *notification(const char *root, const struct diag *d)
{
	json_t *n = json_object();

	json_object_set_new(n, "level", json_string(sarif_level(d->severity)));
	json_object_set_new(n, "message", text(d->message));
	if (d->file)
		json_object_set_new(n, "locations",
				    json_pack("[{s:{s:o}}]", "physicalLocation",
					      "artifactLocation",
					      artifact(root, d->file)));
	return n;
}

void lint_print_sarif(FILE *out, const struct diag_list *diags,
		      const char *version, const char *srcroot,
		      bool complete)
{
	struct source src = { NULL, NULL, 0 };
	json_t *results = json_array();
	json_t *notes = json_array();
	json_t *driver, *run, *invocation, *root;
	char *rootdir = path_absolute(NULL, srcroot ? srcroot : ".");
	char *rooturi = uri_encode("file://", rootdir);
	char *s;
	size_t i;

	for (i = 0; i < diags->nr; i++) {
		const struct diag *d = &diags->items[i];

		if (d->file && rule_index(d->check) >= 0)
			json_array_append_new(results,
					      result(&src, rootdir, d));
		else
			json_array_append_new(notes, notification(rootdir, d));
	}
	driver = json_pack("{s:s,s:s,s:s,s:o}", "name", "logschema",
			   "version", version, "semanticVersion", version,
			   "rules", rules());
	invocation = json_pack("{s:b,s:o}", "executionSuccessful", complete,
			       "toolExecutionNotifications", notes);
	s = xasprintf("%s/", rooturi);
	run = json_pack("{s:{s:o},s:{s:{s:s}},s:[o],s:o}",
			"tool", "driver", driver,
			"originalUriBaseIds", "SRCROOT", "uri", s,
			"invocations", invocation,
			"results", results);
	root = json_pack("{s:s,s:s,s:[o]}", "$schema", SARIF_SCHEMA,
			 "version", "2.1.0", "runs", run);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	free(s);
	free(rooturi);
	free(rootdir);
	free(src.path);
	free(src.buf);
}
