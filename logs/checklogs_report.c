/* checklogs_report.c: findings and the summary of check-logs, as text or JSON. */
#include <inttypes.h>
#include <string.h>

#include "catalogue.h"
#include "checklogs_internal.h"

#define NAME_WIDTH 40

void checklogs_print_finding(FILE *out, const struct checklogs_finding *f)
{
	fprintf(out, "%s:%" PRIu64 ":%u: %s: %s", f->file, f->line, f->column,
		diag_severity_name(f->severity), f->message);
	if (f->container)
		fprintf(out, " (container '%s')", f->container);
	fprintf(out, " [%s]\n", checklogs_check_name(f->check));
}

static void json_string(FILE *out, const char *s)
{
	putc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			putc(c, out);
	}
	putc('"', out);
}

void checklogs_json_finding(FILE *out, const struct checklogs_finding *f)
{
	fputs("{\"file\":", out);
	json_string(out, f->file);
	fprintf(out, ",\"line\":%" PRIu64 ",\"column\":%u,\"check\":\"%s\"",
		f->line, f->column, checklogs_check_name(f->check));
	fprintf(out, ",\"severity\":\"%s\",\"message\":",
		diag_severity_name(f->severity));
	json_string(out, f->message);
	if (f->container) {
		fputs(",\"container\":", out);
		json_string(out, f->container);
	}
	putc('}', out);
}

/* Events of module `m`, catalogued actions and undocumented ones. */
static uint64_t module_events(struct checklogs *cl, size_t m)
{
	const struct checklogs_stats *st = &cl->stats;
	const struct module *mod = cl->modules[m].mod;
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < mod->nactions; i++)
		n += st->action_events[cl->modules[m].first + i];
	for (i = 0; i < st->nunknown; i++)
		if (st->unknown[i].action &&
		    !strcmp(st->unknown[i].module, mod->name))
			n += st->unknown[i].events;
	return n;
}

static size_t actions_seen(struct checklogs *cl)
{
	size_t i, n = 0;

	for (i = 0; i < cl->nactions; i++)
		n += cl->stats.action_events[i] > 0;
	return n;
}

static double percent(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void print_row(FILE *out, int indent, const char *name,
		      uint64_t n, const char *remark)
{
	int width = NAME_WIDTH - indent;

	fprintf(out, "%*s%-*s %10" PRIu64 "%s\n", indent, "", width, name, n,
		remark);
}

static void print_module(FILE *out, struct checklogs *cl, size_t m)
{
	const struct checklogs_stats *st = &cl->stats;
	const struct cl_module *cm = &cl->modules[m];
	uint64_t total = module_events(cl, m);
	size_t i;

	if (!total)
		return;
	print_row(out, 2, cm->mod->name, total, "");
	for (i = 0; i < cm->mod->nactions; i++)
		if (st->action_events[cm->first + i])
			print_row(out, 4, cm->mod->actions[i].name,
				  st->action_events[cm->first + i], "");
	for (i = 0; i < st->nunknown; i++)
		if (st->unknown[i].action &&
		    !strcmp(st->unknown[i].module, cm->mod->name))
			print_row(out, 4, st->unknown[i].action,
				  st->unknown[i].events, "  (undocumented)");
}

static void print_unseen(FILE *out, struct checklogs *cl)
{
	size_t i;

	if (actions_seen(cl) == cl->nactions)
		return;
	fprintf(out, "never seen:\n");
	for (i = 0; i < cl->nactions; i++) {
		const struct action *act = cl->actions[i].act;

		if (!cl->stats.action_events[i])
			fprintf(out, "  %s.%s\n", act->module->name, act->name);
	}
}

void checklogs_print_summary(FILE *out, struct checklogs *cl)
{
	const struct checklogs_stats *st = checklogs_stats(cl);
	size_t i, seen = actions_seen(cl);

	fprintf(out, "%" PRIu64 " lines, %" PRIu64 " events, %" PRIu64
		" errors, %" PRIu64 " warnings\n",
		st->lines, st->events, st->errors, st->warnings);
	fprintf(out, "findings by check:\n");
	for (i = 0; i < CHECKLOGS_CHECK_COUNT; i++)
		print_row(out, 2, checklogs_check_name(i), st->checks[i], "");

	fprintf(out, "events by module and action:\n");
	for (i = 0; i < cl->nmodules; i++)
		print_module(out, cl, i);
	for (i = 0; i < st->nunknown; i++)
		if (!st->unknown[i].action)
			print_row(out, 2, st->unknown[i].module,
				  st->unknown[i].events, "  (unknown module)");
	if (st->unknown_other)
		print_row(out, 2, "(other unknown names)", st->unknown_other,
			  "");

	fprintf(out, "coverage: %zu of %zu actions seen (%.1f%%)\n", seen,
		cl->nactions, percent(seen, cl->nactions));
	print_unseen(out, cl);
}

static void json_counts(FILE *out, struct checklogs *cl)
{
	const struct checklogs_stats *st = &cl->stats;
	const char *sep = "";
	size_t i, j;

	fputs("\"counts\":{\"checks\":{", out);
	for (i = 0; i < CHECKLOGS_CHECK_COUNT; i++)
		fprintf(out, "%s\"%s\":%" PRIu64, i ? "," : "",
			checklogs_check_name(i), st->checks[i]);
	fprintf(out, "},\"errors\":%" PRIu64 ",\"warnings\":%" PRIu64,
		st->errors, st->warnings);

	fputs(",\"modules\":{", out);
	for (i = 0; i < cl->nmodules; i++) {
		const struct cl_module *cm = &cl->modules[i];
		uint64_t total = module_events(cl, i);
		const char *asep = "";

		if (!total)
			continue;
		fprintf(out, "%s", sep);
		json_string(out, cm->mod->name);
		fprintf(out, ":{\"events\":%" PRIu64 ",\"catalogued\":true"
			",\"actions\":{", total);
		for (j = 0; j < cm->mod->nactions; j++) {
			uint64_t n = st->action_events[cm->first + j];

			if (!n)
				continue;
			fprintf(out, "%s", asep);
			json_string(out, cm->mod->actions[j].name);
			fprintf(out, ":%" PRIu64, n);
			asep = ",";
		}
		fputs("},\"undocumented\":{", out);
		asep = "";
		for (j = 0; j < st->nunknown; j++) {
			if (!st->unknown[j].action ||
			    strcmp(st->unknown[j].module, cm->mod->name))
				continue;
			fprintf(out, "%s", asep);
			json_string(out, st->unknown[j].action);
			fprintf(out, ":%" PRIu64, st->unknown[j].events);
			asep = ",";
		}
		fputs("}}", out);
		sep = ",";
	}
	for (i = 0; i < st->nunknown; i++) {
		if (st->unknown[i].action)
			continue;
		fprintf(out, "%s", sep);
		json_string(out, st->unknown[i].module);
		fprintf(out, ":{\"events\":%" PRIu64 ",\"catalogued\":false"
			",\"actions\":{},\"undocumented\":{}}",
			st->unknown[i].events);
		sep = ",";
	}
	fprintf(out, "},\"other_unknown\":%" PRIu64 "}", st->unknown_other);
}

static void json_coverage(FILE *out, struct checklogs *cl)
{
	size_t i, seen = actions_seen(cl);
	const char *sep = "";

	fprintf(out, "\"coverage\":{\"seen\":%zu,\"total\":%zu,"
		"\"percent\":%.1f,\"unseen\":[", seen, cl->nactions,
		percent(seen, cl->nactions));
	for (i = 0; i < cl->nactions; i++) {
		const struct action *act = cl->actions[i].act;

		if (cl->stats.action_events[i])
			continue;
		fprintf(out, "%s{\"module\":", sep);
		json_string(out, act->module->name);
		fputs(",\"action\":", out);
		json_string(out, act->name);
		putc('}', out);
		sep = ",";
	}
	fputs("]}", out);
}

void checklogs_print_json(FILE *out, struct checklogs *cl, FILE *findings,
			  uint64_t shown)
{
	const struct checklogs_stats *st = checklogs_stats(cl);
	uint64_t total = st->errors + st->warnings;
	char buf[65536];
	size_t n;

	fprintf(out, "{\"lines\":%" PRIu64 ",\"events\":%" PRIu64
		",\"findings\":[", st->lines, st->events);
	if (findings) {
		rewind(findings);
		while ((n = fread(buf, 1, sizeof(buf), findings)) > 0)
			fwrite(buf, 1, n, out);
	}
	fprintf(out, "],\"findings_shown\":%" PRIu64 ",\"findings_total\":%"
		PRIu64 ",", shown, total);
	json_counts(out, cl);
	putc(',', out);
	json_coverage(out, cl);
	fputs("}\n", out);
}
