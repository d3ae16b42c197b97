/* compdb.c: compiler arguments, from compile_commands.json or defaults. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "clang_api.h"

#include "internal.h"
#include "util.h"

struct compdb {
	CXCompilationDatabase db;
};

struct argv {
	char **v;
	int n;
	size_t alloc;
};

static void push(struct argv *a, const char *s)
{
	ALLOC_GROW(a->v, (size_t)a->n + 1, a->alloc);
	a->v[a->n++] = xstrdup(s);
}

struct compdb *compdb_open(const char *build_dir, struct diag_list *diags)
{
	CXCompilationDatabase_Error err;
	struct compdb *db;
	char *path = xasprintf("%s/compile_commands.json", build_dir);

	if (access(path, R_OK)) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 "cannot read '%s'", path);
		free(path);
		return NULL;
	}
	db = xcalloc(1, sizeof(*db));
	db->db = clang_CompilationDatabase_fromDirectory(build_dir, &err);
	if (err != CXCompilationDatabase_NoError || !db->db) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
			 "cannot load compilation database '%s'", path);
		free(path);
		free(db);
		return NULL;
	}
	free(path);
	return db;
}

void compdb_close(struct compdb *db)
{
	if (!db)
		return;
	clang_CompilationDatabase_dispose(db->db);
	free(db);
}

char *path_absolute(const char *dir, const char *path)
{
	char buf[PATH_MAX], real[PATH_MAX];
	const char *full = path;

	if (path[0] != '/' && dir) {
		snprintf(buf, sizeof(buf), "%s/%s", dir, path);
		full = buf;
	}
	if (realpath(full, real))
		return xstrdup(real);
	if (full[0] == '/' || !getcwd(real, sizeof(real)))
		return xstrdup(full);
	return xasprintf("%s/%s", real, full);
}

/* Options that only matter to a build: outputs and dependency files. */
static int build_only(const char *arg)
{
	static const char *const with_value[] = {
		"-o", "-MF", "-MT", "-MQ", "--serialize-diagnostics", NULL
	};
	static const char *const alone[] = {
		"-c", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", NULL
	};
	int i;

	for (i = 0; with_value[i]; i++)
		if (!strcmp(arg, with_value[i]))
			return 2;
	for (i = 0; alone[i]; i++)
		if (!strcmp(arg, alone[i]))
			return 1;
	if (!strncmp(arg, "-o", 2) || !strncmp(arg, "-MF", 3) ||
	    !strncmp(arg, "-MT", 3) || !strncmp(arg, "-MQ", 3))
		return 1;
	return 0;
}

static void from_command(struct argv *a, CXCompileCommand cmd,
			 const char *abspath)
{
	CXString dir = clang_CompileCommand_getDirectory(cmd);
	CXString file = clang_CompileCommand_getFilename(cmd);
	const char *d = clang_getCString(dir);
	char *input = path_absolute(d, clang_getCString(file));
	unsigned i, n = clang_CompileCommand_getNumArgs(cmd);

	push(a, "-working-directory");
	push(a, d);
	for (i = 1; i < n; i++) {
		CXString arg = clang_CompileCommand_getArg(cmd, i);
		const char *s = clang_getCString(arg);
		int skip = build_only(s);
		char *abs;

		if (!skip && s[0] != '-') {
			abs = path_absolute(d, s);
			skip = !strcmp(abs, input) || !strcmp(abs, abspath);
			free(abs);
		}
		if (!skip)
			push(a, s);
		else if (skip == 2)
			i++;
		clang_disposeString(arg);
	}
	free(input);
	clang_disposeString(dir);
	clang_disposeString(file);
}

static void defaults(struct argv *a, const struct lint_options *opts,
		     const char *abspath)
{
	char *dir = xstrdup(abspath);
	char *slash = strrchr(dir, '/');
	size_t i;

	if (slash)
		*slash = '\0';
	push(a, "-std=c11");
	push(a, "-I");
	push(a, slash ? dir : ".");
	for (i = 0; i < opts->ninclude_dirs; i++) {
		push(a, "-I");
		push(a, opts->include_dirs[i]);
	}
	free(dir);
}

char **compdb_args(struct compdb *db, const struct lint_options *opts,
		   const char *abspath, int *nargs)
{
	struct argv a = { NULL, 0, 0 };
	CXCompileCommands cmds = NULL;
	size_t i;

	if (db)
		cmds = clang_CompilationDatabase_getCompileCommands(db->db,
								     abspath);
	if (cmds && clang_CompileCommands_getSize(cmds))
		from_command(&a, clang_CompileCommands_getCommand(cmds, 0),
			     abspath);
	else
		defaults(&a, opts, abspath);
	if (cmds)
		clang_CompileCommands_dispose(cmds);
	/* A warning clang gives and the project's compiler does not must
	 * not stop the check. */
	push(&a, "-Wno-error");
	for (i = 0; i < opts->nextra_args; i++)
		push(&a, opts->extra_args[i]);
	*nargs = a.n;
	return a.v;
}

void compdb_args_free(char **args, int nargs)
{
	int i;

	for (i = 0; i < nargs; i++)
		free(args[i]);
	free(args);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **compdb_files(struct compdb *db, size_t *nfiles)
{
	CXCompileCommands cmds =
		clang_CompilationDatabase_getAllCompileCommands(db->db);
	unsigned i, n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
	struct argv a = { NULL, 0, 0 };
	char **out;
	int k, m = 0;

	for (i = 0; i < n; i++) {
		CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, i);
		CXString dir = clang_CompileCommand_getDirectory(cmd);
		CXString file = clang_CompileCommand_getFilename(cmd);
		const char *f = clang_getCString(file);
		size_t len = strlen(f);

		if (len > 2 && !strcmp(f + len - 2, ".c")) {
			ALLOC_GROW(a.v, (size_t)a.n + 1, a.alloc);
			a.v[a.n++] = path_absolute(clang_getCString(dir), f);
		}
		clang_disposeString(dir);
		clang_disposeString(file);
	}
	if (cmds)
		clang_CompileCommands_dispose(cmds);
	if (a.n > 1)
		qsort(a.v, a.n, sizeof(*a.v), cmp_str);
	out = a.v;
	for (k = 0; k < a.n; k++) {
		if (m && !strcmp(out[m - 1], a.v[k]))
			free(a.v[k]);
		else
			out[m++] = a.v[k];
	}
	*nfiles = m;
	return out;
}
