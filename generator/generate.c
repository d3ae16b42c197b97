/* generate.c: render a template set and replace the outputs atomically. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue.h"
#include "diag.h"
#include "embedded.h"
#include "escape.h"
#include "generate.h"
#include "mustache.h"
#include "resolve.h"
#include "util.h"

#define SUFFIX ".mustache"
#define MAX_TEMPLATE_BYTES ((size_t)16 << 20)

const char *const generate_targets[] = {
	"c", "markdown", "alloy", "promtail", "grafana", "loki-rules", NULL
};

struct template {
	char *name;		/* file name, e.g. PREFIX_log.h.mustache */
	char *path;		/* where it came from, for errors and deps */
	char *text;
	size_t len;
	int owned;		/* text was read from disk */
};

struct template_set {
	struct template *items;
	size_t nr;
	size_t alloc;
};

struct output {
	char *path;
	char *tmp;		/* temporary file awaiting rename, or NULL */
	char *backup;		/* a hard link to the previous file, or NULL */
	int existed;		/* `path` existed before the run */
	int renamed;		/* the new content is in place */
	char *data;
	size_t len;
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcmp(s + n - m, suffix);
}

static int cmp_template(const void *a, const void *b)
{
	return strcmp(((const struct template *)a)->name,
		      ((const struct template *)b)->name);
}

static void set_add(struct template_set *set, const char *name,
		    const char *path, char *text, size_t len, int owned)
{
	struct template *t;

	ALLOC_GROW(set->items, set->nr + 1, set->alloc);
	t = &set->items[set->nr++];
	t->name = xstrdup(name);
	t->path = xstrdup(path);
	t->text = text;
	t->len = len;
	t->owned = owned;
}

static int set_load_builtin(struct template_set *set, const char *target,
			    struct diag_list *diags)
{
	char *dir = xasprintf("templates/%s/", target);
	size_t n = strlen(dir);
	const struct embedded_file *ef;

	for (ef = embedded_files; ef->path; ef++)
		if (!strncmp(ef->path, dir, n) && ends_with(ef->path, SUFFIX) &&
		    !strchr(ef->path + n, '/'))
			set_add(set, ef->path + n, ef->path, (char *)ef->data,
				ef->len, 0);
	free(dir);
	if (!set->nr) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 "unknown target '%s'", target);
		return -1;
	}
	return 0;
}

static int set_load_dir(struct template_set *set, const char *dir,
			struct diag_list *diags)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int ret = 0;

	if (!d) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, NULL,
			 "cannot read template directory: %s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		char *path, *text;
		size_t len;

		if (de->d_name[0] == '.' || !ends_with(de->d_name, SUFFIX))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (read_file(path, &text, &len, MAX_TEMPLATE_BYTES)) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
				 "cannot read template: %s", strerror(errno));
			ret = -1;
		} else {
			set_add(set, de->d_name, path, text, len, 1);
		}
		free(path);
	}
	closedir(d);
	if (!ret && !set->nr) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, NULL,
			 "no *.mustache templates in the directory");
		ret = -1;
	}
	return ret;
}

static void set_release(struct template_set *set)
{
	size_t i;

	for (i = 0; i < set->nr; i++) {
		free(set->items[i].name);
		free(set->items[i].path);
		if (set->items[i].owned)
			free(set->items[i].text);
	}
	free(set->items);
}

/* Partials are found as `_name.mustache` or `name.mustache`. */
static const char *find_partial(void *ctx, const char *name, size_t *len)
{
	const struct template_set *set = ctx;
	size_t i, n = strlen(name);

	for (i = 0; i < set->nr; i++) {
		const char *t = set->items[i].name;

		if (*t == '_' && !strncmp(t + 1, name, n) &&
		    !strcmp(t + 1 + n, SUFFIX))
			goto found;
		if (!strncmp(t, name, n) && !strcmp(t + n, SUFFIX))
			goto found;
		continue;
found:
		*len = set->items[i].len;
		return set->items[i].text;
	}
	return NULL;
}

/* A first-line `{{! escape: MODE }}` picks the mode; none by default. */
static mustache_escape_fn template_escape(const struct template *t,
					  struct diag_list *diags)
{
	const char *p = t->text, *end;
	char mode[32];
	size_t n;
	mustache_escape_fn fn;

	if (strncmp(p, "{{! escape:", 11))
		return mustache_escape_none;
	p += 11;
	while (*p == ' ')
		p++;
	end = p;
	while (*end && *end != ' ' && *end != '}')
		end++;
	n = (size_t)(end - p);
	if (n >= sizeof(mode))
		n = sizeof(mode) - 1;
	memcpy(mode, p, n);
	mode[n] = '\0';
	fn = escape_by_name(mode);
	if (!fn)
		diag_add(diags, DIAG_ERROR, t->path, 1, 12, "template",
			 "unknown escape mode '%s'", mode);
	return fn;
}

/* PREFIX_log.h.mustache becomes ffl_log.h. */
static char *output_name(const struct template *t, const char *prefix)
{
	char *base = xstrndup(t->name, strlen(t->name) - strlen(SUFFIX));
	char *p = strstr(base, "PREFIX"), *name;

	if (!p)
		return base;
	*p = '\0';
	name = xasprintf("%s%s%s", base, prefix, p + 6);
	free(base);
	return name;
}

static int render_one(const struct template *t, struct template_set *set,
		      json_t *data, struct output *out,
		      struct diag_list *diags)
{
	struct mustache_error err;
	mustache_escape_fn esc = template_escape(t, diags);

	if (!esc)
		return -1;
	if (mustache_render(t->path, t->text, t->len, data, esc, find_partial,
			    set, &out->data, &out->len, &err)) {
		diag_add(diags, DIAG_ERROR, err.template_name[0] ?
			 err.template_name : t->path, err.line, err.column,
			 "template", "%s", err.message);
		return -1;
	}
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write `out` to a temporary file beside its destination. */
static int stage_output(struct output *out, struct diag_list *diags)
{
	int fd, e;

	out->tmp = xasprintf("%s.tmpXXXXXX", out->path);
	fd = mkstemp(out->tmp);
	if (fd < 0)
		goto fail;
	if (write_all(fd, out->data, out->len) || fchmod(fd, 0644) ||
	    fsync(fd)) {
		e = errno;
		close(fd);
		unlink(out->tmp);
		errno = e;
		goto fail;
	}
	if (close(fd)) {
		e = errno;
		unlink(out->tmp);
		errno = e;
		goto fail;
	}
	return 0;
fail:
	diag_add(diags, DIAG_ERROR, out->path, 0, 0, NULL,
		 "cannot write: %s", strerror(errno));
	free(out->tmp);
	out->tmp = NULL;
	return -1;
}

static void unstage_all(struct output *outs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (outs[i].tmp) {
			unlink(outs[i].tmp);
			free(outs[i].tmp);
			outs[i].tmp = NULL;
		}
}

/*
 * Keep a hard link to each file about to be replaced, so that a rename
 * failing halfway can put the earlier ones back: the outputs change all
 * together or not at all. Without hard links, they change one by one.
 */
static void link_backups(struct output *outs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct stat st;

		if (!outs[i].tmp)
			continue;
		outs[i].existed = !lstat(outs[i].path, &st);
		if (!outs[i].existed)
			continue;
		outs[i].backup = xasprintf("%s.old", outs[i].tmp);
		if (link(outs[i].path, outs[i].backup)) {
			free(outs[i].backup);
			outs[i].backup = NULL;
		}
	}
}

static void roll_back(struct output *outs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!outs[i].renamed)
			continue;
		/* When renames keep failing, a link still restores it. */
		if (outs[i].backup && rename(outs[i].backup, outs[i].path) &&
		    !unlink(outs[i].path))
			link(outs[i].backup, outs[i].path);
		else if (!outs[i].existed)
			unlink(outs[i].path);
		outs[i].renamed = 0;
	}
}

static int replace_all(struct output *outs, size_t n,
		       struct diag_list *diags)
{
	size_t i;
	int ret = 0;

	link_backups(outs, n);
	for (i = 0; i < n && !ret; i++) {
		if (!outs[i].tmp)
			continue;
		if (rename(outs[i].tmp, outs[i].path)) {
			diag_add(diags, DIAG_ERROR, outs[i].path, 0, 0, NULL,
				 "cannot replace: %s", strerror(errno));
			roll_back(outs, i);
			ret = -1;
			break;
		}
		free(outs[i].tmp);
		outs[i].tmp = NULL;
		outs[i].renamed = 1;
	}
	unstage_all(outs, n);
	for (i = 0; i < n; i++)
		if (outs[i].backup) {
			unlink(outs[i].backup);
			free(outs[i].backup);
			outs[i].backup = NULL;
		}
	return ret;
}

static int write_depfile(const char *depfile, const struct catalogue *cat,
			 const struct template_set *set,
			 const struct generate_result *res,
			 struct diag_list *diags)
{
	char *text = xstrdup(""), *t, self[4096];
	ssize_t n;
	size_t i;

	for (i = 0; i < res->noutputs; i++) {
		t = xasprintf("%s%s%s", text, i ? " " : "", res->outputs[i]);
		free(text);
		text = t;
	}
	t = xasprintf("%s:", text);
	free(text);
	text = t;
	for (i = 0; !cat->embedded && i < cat->nfiles; i++) {
		t = xasprintf("%s \\\n  %s", text, cat->files[i]);
		free(text);
		text = t;
	}
	for (i = 0; i < set->nr; i++) {
		if (!set->items[i].owned)
			continue;
		t = xasprintf("%s \\\n  %s", text, set->items[i].path);
		free(text);
		text = t;
	}
	/* Built-in templates and catalogues live in the binary: depend on it. */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0 && ((set->nr && !set->items[0].owned) || cat->embedded)) {
		self[n] = '\0';
		t = xasprintf("%s \\\n  %s", text, self);
		free(text);
		text = t;
	}
	t = xasprintf("%s\n", text);
	free(text);
	text = t;
	/* An empty rule per input, so a deleted input does not stop make. */
	for (i = 0; !cat->embedded && i < cat->nfiles; i++) {
		t = xasprintf("%s\n%s:\n", text, cat->files[i]);
		free(text);
		text = t;
	}
	for (i = 0; i < set->nr; i++) {
		if (!set->items[i].owned)
			continue;
		t = xasprintf("%s\n%s:\n", text, set->items[i].path);
		free(text);
		text = t;
	}
	if (write_file_if_changed(depfile, text, strlen(text)) < 0) {
		diag_add(diags, DIAG_ERROR, depfile, 0, 0, NULL,
			 "cannot write depfile: %s", strerror(errno));
		free(text);
		return -1;
	}
	free(text);
	return 0;
}

/* mkdir -p */
static int ensure_dir(const char *dir, struct diag_list *diags)
{
	char *path = xstrdup(dir), *p;
	struct stat st;

	for (p = path + 1; ; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (stat(path, &st) && mkdir(path, 0755) && errno != EEXIST) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
				 "cannot create output directory: %s",
				 strerror(errno));
			free(path);
			return -1;
		}
		*p = c;
		if (!c)
			break;
	}
	free(path);
	if (!stat(dir, &st) && S_ISDIR(st.st_mode))
		return 0;
	diag_add(diags, DIAG_ERROR, dir, 0, 0, NULL,
		 "cannot create output directory: not a directory");
	return -1;
}

static int render_all(const struct catalogue *cat, struct template_set *set,
		      const struct generate_options *opts,
		      struct output *outs, size_t *nouts,
		      struct diag_list *diags)
{
	json_t *data = catalogue_resolve(cat);
	int ret = 0;
	size_t i;

	for (i = 0; i < set->nr; i++) {
		const struct template *t = &set->items[i];
		struct output *o = &outs[*nouts];
		char *name;

		if (t->name[0] == '_')
			continue;
		memset(o, 0, sizeof(*o));
		if (render_one(t, set, data, o, diags)) {
			ret = -1;
			continue;
		}
		name = output_name(t, cat->prefix);
		o->path = xasprintf("%s/%s", opts->outdir, name);
		free(name);
		(*nouts)++;
	}
	json_decref(data);
	return ret;
}

int generate_run(const struct catalogue *cat,
		 const struct generate_options *opts,
		 struct generate_result *res, struct diag_list *diags)
{
	struct template_set set = { NULL, 0, 0 };
	struct output *outs = NULL;
	size_t nouts = 0, i;
	int ret = -1;

	memset(res, 0, sizeof(*res));
	if (opts->templates ? set_load_dir(&set, opts->templates, diags) :
	    set_load_builtin(&set, opts->target, diags))
		goto out;
	qsort(set.items, set.nr, sizeof(*set.items), cmp_template);
	outs = xcalloc(set.nr, sizeof(*outs));
	if (render_all(cat, &set, opts, outs, &nouts, diags))
		goto out;
	if (!opts->dry_run && ensure_dir(opts->outdir, diags))
		goto out;

	/* Stage every changed output, then rename them all. */
	for (i = 0; i < nouts; i++) {
		if (file_has_content(outs[i].path, outs[i].data, outs[i].len)) {
			res->unchanged++;
			continue;
		}
		if (opts->dry_run) {
			res->written++;
			continue;
		}
		if (stage_output(&outs[i], diags)) {
			unstage_all(outs, nouts);
			goto out;
		}
	}
	if (replace_all(outs, nouts, diags))
		goto out;
	for (i = 0; i < nouts; i++)
		res->written += outs[i].renamed;
	res->outputs = xcalloc(nouts, sizeof(*res->outputs));
	for (i = 0; i < nouts; i++) {
		res->outputs[i] = outs[i].path;
		outs[i].path = NULL;
	}
	res->noutputs = nouts;
	ret = 0;
	if (opts->depfile && !opts->dry_run &&
	    write_depfile(opts->depfile, cat, &set, res, diags))
		ret = -1;
out:
	for (i = 0; i < nouts; i++) {
		free(outs[i].path);
		free(outs[i].data);
	}
	free(outs);
	set_release(&set);
	return ret;
}

void generate_result_release(struct generate_result *res)
{
	size_t i;

	for (i = 0; i < res->noutputs; i++)
		free(res->outputs[i]);
	free(res->outputs);
	memset(res, 0, sizeof(*res));
}
