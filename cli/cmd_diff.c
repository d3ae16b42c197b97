/* cmd_diff.c: `logschema diff`, compare two versions of a catalogue. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalogue.h"
#include "cli.h"
#include "diff.h"
#include "util.h"

extern char **environ;

static const char usage_text[] =
"usage: logschema diff [--format text|json] OLD [NEW]\n"
"\n"
"List what changed from catalogue OLD to NEW: modules, actions, levels,\n"
"fields and their types, ID marks, required fields, severities and\n"
"messages, each marked breaking or compatible. OLD and NEW are each a\n"
"catalogue file or directory, or a git revision and a path from the top\n"
"of the repository, REV:PATH (e.g. HEAD~1:schema/found-footy), read\n"
"with git from the repository of the working directory. Without NEW,\n"
"the catalogue 'check' would find (see -s) is compared.\n"
"\n"
"Breaking: a module or action removed or renamed, a field's type changed,\n"
"a field removed from an action or newly required, a level moved to or\n"
"from ERROR, a severity changed, the C prefix, the timestamp format, or\n"
"how 'action' reaches Loki. Everything else is compatible.\n"
"\n"
"  -s, --schema PATH        NEW, when it is not given as an argument\n"
"      --format text|json   one change a line (default), or\n"
"                           {\"changes\":[{\"kind\",\"subject\",\"detail\",\n"
"                           \"breaking\"}],\"breaking\":N,\"compatible\":N}\n"
"  -h, --help               this text\n"
"\n"
"Exit status: 0 when nothing breaks, 1 when something does, 2 on usage\n"
"errors and catalogues that cannot be read.\n";

/* A catalogue to compare, maybe extracted from git into `tmpdir`. */
struct side {
	const char *spec;
	char *tmpdir;
	char *path;
	struct catalogue cat;
	bool loaded;
};

/* Run argv with stdout to `out` (or inherited); its exit status or -1. */
static int run_command(char *const argv[], const char *out)
{
	posix_spawn_file_actions_t fa;
	int status = -1;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	if (out)
		posix_spawn_file_actions_addopen(&fa, 1, out,
			O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	remove(path);
	return 0;
}

static void side_release(struct side *s)
{
	if (s->loaded)
		catalogue_release(&s->cat);
	if (s->tmpdir)
		nftw(s->tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(s->tmpdir);
	free(s->path);
}

/* "tree" or "blob" for a revision spec, in `type`; -1 when git can't say. */
static int git_object_type(struct side *s, char type[16])
{
	char *out = xasprintf("%s/type", s->tmpdir);
	char *argv[] = { "git", "cat-file", "-t", (char *)s->spec, NULL };
	FILE *f;
	int r = run_command(argv, out);

	type[0] = '\0';
	if (r == 0 && (f = fopen(out, "r"))) {
		if (!fgets(type, 16, f))
			type[0] = '\0';
		type[strcspn(type, "\n")] = '\0';
		fclose(f);
	}
	remove(out);
	free(out);
	return r == 0 && type[0] ? 0 : -1;
}

static int git_extract_tree(struct side *s)
{
	char *tar = xasprintf("%s/tree.tar", s->tmpdir);
	char *output = xasprintf("--output=%s", tar);
	char *archive[] = { "git", "archive", "--format=tar", output,
			    (char *)s->spec, NULL };
	char *untar[] = { "tar", "-xf", tar, "-C", s->path, NULL };
	int r = -1;

	if (!mkdir(s->path, 0700) && !run_command(archive, NULL) &&
	    !run_command(untar, NULL))
		r = 0;
	remove(tar);
	free(tar);
	free(output);
	return r;
}

static int git_extract(struct side *s)
{
	const char *tmp = getenv("TMPDIR");
	const char *slash = strrchr(s->spec, '/');
	const char *colon = strchr(s->spec, ':');
	const char *base = slash ? slash + 1 : colon + 1;
	char type[16];

	s->tmpdir = xasprintf("%s/logschema-diff-XXXXXX",
			      tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(s->tmpdir)) {
		fprintf(stderr, "logschema diff: cannot make a temporary directory: %s\n",
			strerror(errno));
		free(s->tmpdir);
		s->tmpdir = NULL;
		return -1;
	}
	if (git_object_type(s, type)) {
		fprintf(stderr, "logschema diff: '%s' is neither a file nor a git revision and path\n",
			s->spec);
		return -1;
	}
	s->path = xasprintf("%s/%s", s->tmpdir, *base ? base : "catalogue");
	if (!strcmp(type, "tree")) {
		if (git_extract_tree(s) == 0)
			return 0;
	} else if (!strcmp(type, "blob")) {
		char *argv[] = { "git", "cat-file", "blob", (char *)s->spec,
				 NULL };

		if (run_command(argv, s->path) == 0)
			return 0;
	}
	fprintf(stderr, "logschema diff: cannot extract '%s' with git\n",
		s->spec);
	return -1;
}

static int side_load(struct side *s)
{
	struct stat st;

	if (s->spec && stat(s->spec, &st) && strchr(s->spec, ':')) {
		if (git_extract(s))
			return -1;
	} else if (s->spec) {
		s->path = xstrdup(s->spec);
	}
	if (cli_load_catalogue(s->path, &s->cat))
		return -1;
	s->loaded = true;
	return 0;
}

int cmd_diff(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "schema", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct side old = { 0 }, new = { 0 };
	struct diff_list changes = DIFF_LIST_INIT;
	int c, json = 0, ret = EXIT_TROUBLE;

	while ((c = getopt_long(argc, argv, "s:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			new.spec = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return cli_usage_error("diff",
					"unknown format '%s'; use text or json",
					optarg);
			json = !strcmp(optarg, "json");
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_CLEAN;
		default:
			return cli_usage_error("diff", "bad option");
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage_error("diff", "expected OLD and NEW catalogues");
	old.spec = argv[optind];
	if (argc - optind == 2)
		new.spec = argv[optind + 1];

	if (side_load(&old) || side_load(&new))
		goto out;
	diff_catalogues(&old.cat, &new.cat, &changes);
	if (json)
		diff_print_json(stdout, &changes);
	else
		diff_print_text(stdout, &changes);
	ret = changes.breaking ? EXIT_FINDINGS : EXIT_CLEAN;
	if (fflush(stdout) || ferror(stdout)) {
		perror("logschema diff: write");
		ret = EXIT_TROUBLE;
	}
out:
	diff_list_release(&changes);
	side_release(&old);
	side_release(&new);
	return ret;
}
