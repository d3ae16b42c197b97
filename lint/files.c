/* files.c: the files to lint: paths, directories, git's index, a build. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "util.h"

static void add(struct lint_files *files, const char *path, char *text,
		size_t len)
{
	struct lint_file *f;

	while (!strncmp(path, "./", 2) && path[2])
		path += 2;
	ALLOC_GROW(files->items, files->nr + 1, files->alloc);
	f = &files->items[files->nr++];
	f->path = xstrdup(path);
	f->text = text;
	f->len = len;
}

static bool is_c_file(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && !strcmp(name + n - 2, ".c");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_dir(struct lint_files *files, const char *dir,
		   struct diag_list *diags)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	int ret = 0;

	if (!d) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, NULL,
			 "cannot read directory '%s': %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		ALLOC_GROW(names, n + 1, alloc);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		size_t len = strlen(dir);
		char *path = xasprintf("%s%s%s", dir,
				       len && dir[len - 1] == '/' ? "" : "/",
				       names[i]);
		struct stat st;

		/* Symbolic links to directories could loop: not followed. */
		if (!lstat(path, &st) && S_ISDIR(st.st_mode)) {
			if (add_dir(files, path, diags))
				ret = -1;
		} else if (is_c_file(names[i]) && !stat(path, &st) &&
			   S_ISREG(st.st_mode)) {
			add(files, path, NULL, 0);
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return ret;
}

int lint_files_add(struct lint_files *files, const char *path,
		   struct diag_list *diags)
{
	struct stat st;

	if (stat(path, &st)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
			 "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return add_dir(files, path, diags);
	add(files, path, NULL, 0);
	return 0;
}

/* Run git with `argv`, capturing its output. Returns its exit status. */
static int run_git(const char *const *argv, char **out, size_t *len)
{
	size_t alloc = 0;
	int fds[2], status;
	pid_t pid;
	ssize_t n;

	*out = NULL;
	*len = 0;
	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (!pid) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp("git", (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		ALLOC_GROW(*out, *len + 4097, alloc);
		n = read(fds[0], *out + *len, 4096);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		*len += n;
	}
	(*out)[*len] = '\0';
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int lint_files_add_staged(struct lint_files *files, struct diag_list *diags)
{
	static const char *const cdup_argv[] = {
		"git", "rev-parse", "--show-cdup", NULL
	};
	static const char *const diff_argv[] = {
		"git", "diff", "--cached", "--name-only", "-z",
		"--diff-filter=ACMR", NULL
	};
	char *cdup = NULL, *names = NULL, *p;
	size_t cdup_len, names_len;
	int ret = 0;

	if (run_git(cdup_argv, &cdup, &cdup_len) ||
	    run_git(diff_argv, &names, &names_len)) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 "cannot list the staged files: not in a git repository?");
		free(cdup);
		free(names);
		return -1;
	}
	cdup[strcspn(cdup, "\n")] = '\0';
	for (p = names; p < names + names_len; p += strlen(p) + 1) {
		char *spec = xasprintf(":%s", p);
		const char *blob_argv[] = { "git", "cat-file", "blob", spec, NULL };
		char *path = xasprintf("%s%s", cdup, p);
		char *text;
		size_t len;

		if (!is_c_file(p)) {
			free(spec);
			free(path);
			continue;
		}
		if (run_git(blob_argv, &text, &len)) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
				 "cannot read the staged '%s'", path);
			free(text);
			ret = -1;
		} else {
			add(files, path, text, len);
		}
		free(spec);
		free(path);
	}
	free(cdup);
	free(names);
	return ret;
}

int lint_files_add_compdb(struct lint_files *files, const char *build_dir,
			  struct diag_list *diags)
{
	struct compdb *db = compdb_open(build_dir, diags);
	char cwd[PATH_MAX];
	size_t i, n, clen = 0;
	char **paths;

	if (!db)
		return -1;
	if (getcwd(cwd, sizeof(cwd)))
		clen = strlen(cwd);
	paths = compdb_files(db, &n);
	for (i = 0; i < n; i++) {
		const char *p = paths[i];

		if (clen && !strncmp(p, cwd, clen) && p[clen] == '/')
			p += clen + 1;
		add(files, p, NULL, 0);
		free(paths[i]);
	}
	free(paths);
	compdb_close(db);
	return 0;
}

void lint_files_release(struct lint_files *files)
{
	size_t i;

	for (i = 0; i < files->nr; i++) {
		free(files->items[i].path);
		free(files->items[i].text);
	}
	free(files->items);
	memset(files, 0, sizeof(*files));
}
