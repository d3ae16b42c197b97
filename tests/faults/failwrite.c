/*
 * failwrite.c: an LD_PRELOAD shim that makes file operations fail on cue.
 *
 * Only files whose path contains FAILWRITE_MATCH are touched (a descriptor's
 * path is read from /proc/self/fd), so diagnostics on stderr still get out.
 *
 *   FAILWRITE_MATCH=dir/    which files; required, the shim is idle without
 *   FAILWRITE_OP=write      write, fsync, close, fchmod, rename or mkstemp
 *   FAILWRITE_ERRNO=ENOSPC  the error: ENOSPC, EROFS, EIO, EDQUOT, EFBIG,
 *                           EACCES or EPERM
 *   FAILWRITE_AFTER=N       write: N bytes succeed in all, the write that
 *                           crosses N returns a short count, later ones fail
 *   FAILWRITE_SKIP=N        other operations: N calls succeed, later ones fail
 *   FAILWRITE_LOG=FILE      one line appended per failure injected, so a test
 *                           can tell that its fault really happened
 *
 * It works for root too, for whom a read-only directory is no obstacle.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct fault {
	int ready;
	const char *match;
	const char *op;
	int err;
	unsigned long long after;	/* bytes still allowed */
	unsigned long skip;		/* calls still allowed */
};

static struct fault fault;

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "ENOSPC", ENOSPC }, { "EROFS", EROFS }, { "EIO", EIO },
	{ "EDQUOT", EDQUOT }, { "EFBIG", EFBIG }, { "EACCES", EACCES },
	{ "EPERM", EPERM },
};

static int errno_by_name(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (!strcmp(errnos[i].name, name))
			return errnos[i].value;
	return EIO;
}

static void fault_init(void)
{
	const char *s;

	if (fault.ready)
		return;
	fault.ready = 1;
	fault.match = getenv("FAILWRITE_MATCH");
	fault.op = getenv("FAILWRITE_OP");
	fault.err = errno_by_name(getenv("FAILWRITE_ERRNO"));
	s = getenv("FAILWRITE_AFTER");
	fault.after = s ? strtoull(s, NULL, 10) : 0;
	s = getenv("FAILWRITE_SKIP");
	fault.skip = s ? strtoul(s, NULL, 10) : 0;
	if (!fault.match || !*fault.match || !fault.op)
		fault.op = "";
}

/* Whether `op` on `path` is the operation under test. */
static int targets(const char *op, const char *path)
{
	fault_init();
	return !strcmp(fault.op, op) && path && strstr(path, fault.match);
}

static int fd_targets(const char *op, int fd)
{
	char link[64], path[PATH_MAX];
	ssize_t n;

	fault_init();
	if (strcmp(fault.op, op))
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	return targets(op, path);
}

/* Record the failure with raw system calls: the shim must not recurse. */
static void note(const char *op, const char *what)
{
	const char *log = getenv("FAILWRITE_LOG");
	char line[512];
	int fd, n;

	if (!log)
		return;
	fd = (int)syscall(SYS_openat, AT_FDCWD, log,
			  O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%s %s %s\n", op,
		     strerror(fault.err), what);
	if (n > 0)
		syscall(SYS_write, fd, line,
			(size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
	syscall(SYS_close, fd);
}

/* Count one call of a call-counted operation; 1 when it must fail. */
static int should_fail(void)
{
	if (fault.skip) {
		fault.skip--;
		return 0;
	}
	return 1;
}

#define REAL(ret, name, ...) \
	static ret (*real)(__VA_ARGS__); \
	if (!real) \
		real = (ret (*)(__VA_ARGS__))dlsym(RTLD_NEXT, name)

ssize_t write(int fd, const void *buf, size_t len)
{
	REAL(ssize_t, "write", int, const void *, size_t);
	ssize_t n;

	if (fd <= 2 || !fd_targets("write", fd))
		return real(fd, buf, len);
	if (fault.after == 0) {
		note("write", "refused");
		errno = fault.err;
		return -1;
	}
	if (len > fault.after)
		len = (size_t)fault.after;
	n = real(fd, buf, len);
	if (n > 0) {
		fault.after -= (unsigned long long)n;
		if (fault.after == 0)
			note("write", "short count");
	}
	return n;
}

int fsync(int fd)
{
	REAL(int, "fsync", int);

	if (fd_targets("fsync", fd) && should_fail()) {
		note("fsync", "refused");
		errno = fault.err;
		return -1;
	}
	return real(fd);
}

int fchmod(int fd, mode_t mode)
{
	REAL(int, "fchmod", int, mode_t);

	if (fd_targets("fchmod", fd) && should_fail()) {
		note("fchmod", "refused");
		errno = fault.err;
		return -1;
	}
	return real(fd, mode);
}

/* A failed close(2) still closes the descriptor, as Linux does. */
int close(int fd)
{
	REAL(int, "close", int);

	if (fd > 2 && fd_targets("close", fd) && should_fail()) {
		real(fd);
		note("close", "refused");
		errno = fault.err;
		return -1;
	}
	return real(fd);
}

int rename(const char *from, const char *to)
{
	REAL(int, "rename", const char *, const char *);

	if (targets("rename", to) && should_fail()) {
		note("rename", to);
		errno = fault.err;
		return -1;
	}
	return real(from, to);
}

int mkstemp(char *template)
{
	REAL(int, "mkstemp", char *);

	if (targets("mkstemp", template) && should_fail()) {
		note("mkstemp", template);
		errno = fault.err;
		return -1;
	}
	return real(template);
}

int mkstemp64(char *template)
{
	REAL(int, "mkstemp64", char *);

	if (targets("mkstemp", template) && should_fail()) {
		note("mkstemp", template);
		errno = fault.err;
		return -1;
	}
	return real(template);
}
