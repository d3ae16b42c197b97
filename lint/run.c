/* run.c: lint files on worker threads and gather what they find. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "util.h"

void lint_options_init(struct lint_options *opts,
		       const struct catalogue *cat)
{
	int i;

	memset(opts, 0, sizeof(*opts));
	opts->cat = cat;
	for (i = 0; i < LINT_CHECK_COUNT; i++)
		opts->enabled[i] = lint_check_default(i);
}

struct job {
	const struct lint_options *opts;
	const struct lint_files *files;
	struct lint_index ix;
	char **abspaths;		/* per file */
	char ***args;
	int *nargs;
	struct diag_list *results;
	bool *failed;
	unsigned char *emitted;		/* per action */
	size_t next;
	size_t done;
	pthread_mutex_t lock;
};

static void unit_reset(struct lint_unit *u)
{
	size_t i;

	for (i = 0; i < u->nowned; i++)
		free(u->owned[i]);
	for (i = 0; i < u->nerrors; i++) {
		free(u->errors[i].file);
		free(u->errors[i].message);
	}
	u->nowned = u->nerrors = u->nabsorbs = 0;
	u->nskipped = u->nundeclared = 0;
	u->ncalls = u->nfields = u->nvalues = 0;
	u->tu = NULL;
	u->file = NULL;
}

static void unit_release(struct lint_unit *u)
{
	unit_reset(u);
	scan_release(&u->scan);
	free(u->calls);
	free(u->fields);
	free(u->values);
	free(u->absorbs);
	free(u->errors);
	free(u->skipped);
	free(u->undeclared);
	free(u->owned);
	free(u->spans);
	diag_list_release(&u->diags);
}

static bool absorbed(const struct lint_unit *u, const struct clang_error *e)
{
	size_t i;

	if (e->file || e->offset == UINT_MAX)
		return false;
	for (i = 0; i < u->nabsorbs; i++)
		if (e->offset >= u->absorbs[i].start &&
		    e->offset < u->absorbs[i].end)
			return true;
	return false;
}

/* Clang's errors, except those our findings explain. Returns how many. */
static size_t report_clang_errors(struct lint_unit *u)
{
	size_t i, n = 0;

	for (i = 0; i < u->nerrors; i++) {
		const struct clang_error *e = &u->errors[i];

		if (e->warning || absorbed(u, e))
			continue;
		diag_add(&u->diags, DIAG_ERROR, e->file ? e->file : u->path,
			 e->line, e->column, lint_check_name(LINT_PARSE_ERROR),
			 "%s", e->message);
		n++;
	}
	return n;
}

/* Returns false when the file could not be checked completely. */
static bool lint_one(struct job *job, struct lint_unit *u, CXIndex index,
		     size_t i)
{
	const struct lint_file *f = &job->files->items[i];
	bool complete = false;

	unit_reset(u);
	u->path = f->path;
	u->abspath = job->abspaths[i];
	if (!f->text && access(f->path, R_OK)) {
		diag_add(&u->diags, DIAG_ERROR, f->path, 0, 0, NULL,
			 "cannot open '%s': %s", f->path, strerror(errno));
		return false;
	}
	if (parse_unit(u, index, (const char *const *)job->args[i],
		       job->nargs[i], f))
		return false;
	calls_find(u);
	parse_resolve_values(u);
	checks_run(u);
	complete = !report_clang_errors(u);
	suppress_apply(u, complete);
	clang_disposeTranslationUnit(u->tu);
	u->tu = NULL;
	return complete;
}

static void *worker(void *data)
{
	struct job *job = data;
	const struct lint_options *opts = job->opts;
	CXIndex index = clang_createIndex(0, 0);
	struct lint_unit u;
	size_t total = job->files->nr;

	memset(&u, 0, sizeof(u));
	u.ix = &job->ix;
	u.opts = opts;
	u.emitted = job->emitted;
	for (;;) {
		size_t i = __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED);

		if (i >= total)
			break;
		job->failed[i] = !lint_one(job, &u, index, i);
		diag_list_move(&job->results[i], &u.diags);
		pthread_mutex_lock(&job->lock);
		job->done++;
		if (opts->progress)
			opts->progress(opts->progress_data, job->done, total,
				       job->files->items[i].path);
		pthread_mutex_unlock(&job->lock);
	}
	unit_release(&u);
	clang_disposeIndex(index);
	return NULL;
}

static int prepare(struct job *job, struct diag_list *diags)
{
	const struct lint_options *opts = job->opts;
	size_t i, n = job->files->nr;
	struct compdb *db = NULL;

	if (opts->build_dir && !(db = compdb_open(opts->build_dir, diags)))
		return -1;
	job->abspaths = xcalloc(n, sizeof(*job->abspaths));
	job->args = xcalloc(n, sizeof(*job->args));
	job->nargs = xcalloc(n, sizeof(*job->nargs));
	for (i = 0; i < n; i++) {
		job->abspaths[i] = path_absolute(NULL,
						 job->files->items[i].path);
		job->args[i] = compdb_args(db, opts, job->abspaths[i],
					   &job->nargs[i]);
	}
	compdb_close(db);
	return 0;
}

static void run_workers(struct job *job)
{
	size_t n = job->files->nr;
	unsigned jobs = job->opts->jobs;
	pthread_t *threads;
	unsigned i, started = 0;

	if (!jobs) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		jobs = cores > 0 ? cores : 1;
	}
	if (jobs > n)
		jobs = n;
	if (jobs <= 1) {
		worker(job);
		return;
	}
	threads = xcalloc(jobs, sizeof(*threads));
	for (i = 0; i < jobs; i++)
		if (!pthread_create(&threads[i], NULL, worker, job))
			started++;
	if (!started)
		worker(job);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
}

static void report_unused_actions(struct job *job, struct diag_list *diags)
{
	size_t i;

	if (!job->opts->enabled[LINT_UNUSED_ACTION])
		return;
	for (i = 0; i < job->ix.nactions; i++) {
		const struct action *act = job->ix.actions[i];

		if (!job->emitted[i])
			diag_at(diags, DIAG_WARNING, &act->pos,
				lint_check_name(LINT_UNUSED_ACTION),
				"action '%s.%s' is not logged by any scanned source",
				act->module->name, act->name);
	}
}

int lint_run(const struct lint_options *opts, const struct lint_files *files,
	     struct diag_list *diags)
{
	struct job job;
	size_t i, n = files->nr;
	int ret = 0;

	memset(&job, 0, sizeof(job));
	job.opts = opts;
	job.files = files;
	if (prepare(&job, diags))
		return -1;
	lint_index_init(&job.ix, opts->cat);
	job.results = xcalloc(n ? n : 1, sizeof(*job.results));
	job.failed = xcalloc(n ? n : 1, sizeof(*job.failed));
	job.emitted = xcalloc(job.ix.nactions ? job.ix.nactions : 1, 1);
	pthread_mutex_init(&job.lock, NULL);
	if (n)
		run_workers(&job);
	for (i = 0; i < n; i++) {
		diag_list_move(diags, &job.results[i]);
		if (job.failed[i])
			ret = -1;
		free(job.abspaths[i]);
		compdb_args_free(job.args[i], job.nargs[i]);
	}
	report_unused_actions(&job, diags);
	diag_list_sort(diags);
	pthread_mutex_destroy(&job.lock);
	free(job.results);
	free(job.failed);
	free(job.emitted);
	free(job.abspaths);
	free(job.args);
	free(job.nargs);
	lint_index_release(&job.ix);
	return ret;
}
