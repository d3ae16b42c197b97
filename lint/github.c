/* github.c: findings as GitHub Actions workflow commands (annotations). */
#include <string.h>

#include "internal.h"

/* A message: %, CR and LF would end or corrupt the command. */
static void put_data(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else
			fputc(*s, out);
	}
}

/* A property value: also ':' and ',', which separate properties. */
static void put_property(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == ':')
			fputs("%3A", out);
		else if (*s == ',')
			fputs("%2C", out);
		else if (*s == '%' || *s == '\r' || *s == '\n')
			put_data(out, (char[]){ *s, '\0' });
		else
			fputc(*s, out);
	}
}

static const char *command(enum diag_severity severity)
{
	switch (severity) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

void lint_print_github(FILE *out, const struct diag_list *diags)
{
	size_t i;

	for (i = 0; i < diags->nr; i++) {
		const struct diag *d = &diags->items[i];
		const char *sep = " ";

		fprintf(out, "::%s", command(d->severity));
		if (d->file) {
			fputs(" file=", out);
			put_property(out, d->file);
			sep = ",";
			if (d->line) {
				fprintf(out, ",line=%u", d->line);
				if (d->column)
					fprintf(out, ",col=%u", d->column);
			}
		}
		if (d->check) {
			fprintf(out, "%stitle=", sep);
			put_property(out, d->check);
		}
		fputs("::", out);
		put_data(out, d->message);
		fputc('\n', out);
	}
}
