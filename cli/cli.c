/* cli.c: catalogue lookup and reporting shared by the verbs. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue.h"
#include "cli.h"
#include "diag.h"
#include "util.h"

#define DEFAULT_CATALOGUE "schema/found-footy"

int cli_use_color(FILE *f)
{
	const char *nc = getenv("NO_COLOR");

	return isatty(fileno(f)) && (!nc || !*nc) &&
	       !(getenv("TERM") && !strcmp(getenv("TERM"), "dumb"));
}

void cli_print_diags(struct diag_list *diags)
{
	diag_list_sort(diags);
	diag_print_text(stderr, diags, cli_use_color(stderr));
}

int cli_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "logschema %s: ", verb);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'logschema %s --help'.\n", verb);
	return EXIT_TROUBLE;
}

static int exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

/* logschema.yaml or logschema/ here or above; NULL when none. */
static char *find_catalogue(void)
{
	char *dir = getcwd(NULL, 0), *p;

	while (dir) {
		char *cand = xasprintf("%s/logschema.yaml", dir);

		if (exists(cand))
			break;
		free(cand);
		cand = xasprintf("%s/logschema", dir);
		if (exists(cand) && access(cand, X_OK) == 0) {
			struct stat st;

			if (!stat(cand, &st) && S_ISDIR(st.st_mode)) {
				free(dir);
				return cand;
			}
		}
		free(cand);
		p = strrchr(dir, '/');
		if (!p || p == dir) {
			free(dir);
			return NULL;
		}
		*p = '\0';
	}
	if (dir) {
		p = xasprintf("%s/logschema.yaml", dir);
		free(dir);
		return p;
	}
	return NULL;
}

int cli_find_and_load(const char *path, struct catalogue *cat,
		      struct diag_list *diags)
{
	char *found = NULL;
	int ret;

	if (!path || !*path)
		path = getenv("LOGSCHEMA_SCHEMA");
	if (!path || !*path)
		path = found = find_catalogue();
	if (path && *path)
		ret = catalogue_load(cat, path, diags);
	else
		ret = catalogue_load_embedded(cat, DEFAULT_CATALOGUE, diags);
	free(found);
	return ret;
}

int cli_load_catalogue(const char *path, struct catalogue *cat)
{
	struct diag_list diags = DIAG_LIST_INIT, shown = DIAG_LIST_INIT;
	int ret;
	size_t i;

	ret = cli_find_and_load(path, cat, &diags);
	if (!ret && catalogue_check(cat, &diags))
		ret = -1;
	if (diags.errors)
		ret = -1;
	for (i = 0; i < diags.nr; i++)
		if (diags.items[i].severity == DIAG_ERROR)
			diag_add(&shown, DIAG_ERROR, diags.items[i].file,
				 diags.items[i].line, diags.items[i].column,
				 diags.items[i].check, "%s",
				 diags.items[i].message);
	cli_print_diags(&shown);
	diag_list_release(&shown);
	diag_list_release(&diags);
	if (ret)
		catalogue_release(cat);
	return ret;
}
