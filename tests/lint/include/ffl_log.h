/*
 * ffl_log.h: the typed logging API of tests/lint/catalogue.yaml, written
 * by hand in the shape `logschema generate --target c` gives it, so that
 * the linter's fixtures do not depend on the generator.
 */
#ifndef FFL_LOG_H
#define FFL_LOG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ffl_level {
	FFL_DEBUG = 0,
	FFL_INFO = 1,
	FFL_WARNING = 2,
	FFL_ERROR = 3,
};

typedef struct ffl_logger ffl_logger;

struct ffl_strs {
	const char *const *v;
	size_t n;
};

struct ffl_ints {
	const int64_t *v;
	size_t n;
};

#define FFL_STRS(...) \
	((struct ffl_strs){ (const char *const[]){ __VA_ARGS__ }, \
		sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(char *) })
#define FFL_INTS(...) \
	((struct ffl_ints){ (const int64_t[]){ __VA_ARGS__ }, \
		sizeof((const int64_t[]){ __VA_ARGS__ }) / sizeof(int64_t) })
#define FFL_STRS_N(array, count) ((struct ffl_strs){ (array), (count) })
#define FFL_INTS_N(array, count) ((struct ffl_ints){ (array), (count) })

#define FFL_UNSET_INT INT64_MIN
#define FFL_UNSET_BOOL INT_MIN
#define FFL_UNSET_FLOAT __builtin_nan("0x10917")

enum ffl_type {
	FFL_TYPE_STR,
	FFL_TYPE_INT,
	FFL_TYPE_FLOAT,
	FFL_TYPE_BOOL,
	FFL_TYPE_STRS,
	FFL_TYPE_INTS
};

struct ffl_field {
	const char *key;
	enum ffl_type type;
	union {
		const char *s;
		int64_t i;
		double f;
		int b;
		struct ffl_strs strs;
		struct ffl_ints ints;
	} v;
};

#define FFL_STR(k, x) \
	((struct ffl_field){ .key = (k), .type = FFL_TYPE_STR, .v.s = (x) })
#define FFL_INT(k, x) \
	((struct ffl_field){ .key = (k), .type = FFL_TYPE_INT, .v.i = (x) })
#define FFL_FLOAT(k, x) \
	((struct ffl_field){ .key = (k), .type = FFL_TYPE_FLOAT, .v.f = (x) })
#define FFL_BOOL(k, x) \
	((struct ffl_field){ .key = (k), .type = FFL_TYPE_BOOL, .v.b = (x) })
#define FFL_STR_LIST(k, list) \
	((struct ffl_field){ .key = (k), .type = FFL_TYPE_STRS, .v.strs = (list) })
#define FFL_INT_LIST(k, list) \
	((struct ffl_field){ .key = (k), .type = FFL_TYPE_INTS, .v.ints = (list) })
#define FFL__END ((struct ffl_field){ .key = NULL })

#define ffl_log(lg, level, ...) \
	do { \
		int ffl__lv = (level); \
		if (ffl__lv >= ffl__gate || ffl__enabled(ffl__lv)) \
			ffl__log((lg), ffl__lv, __VA_ARGS__, FFL__END); \
	} while (0)

#define ffl_logger_new(...) ffl__logger_new(__VA_ARGS__, FFL__END)
void ffl_logger_free(ffl_logger *lg);

/* The macros preset unset fields, which the caller's values override. */
#define FFL__OVERRIDE_BEGIN \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Woverride-init\"")
#define FFL__OVERRIDE_END _Pragma("GCC diagnostic pop")

#define ffl_format_event(buf, size, lenp, action, ...) \
	do { \
		FFL__OVERRIDE_BEGIN \
		*(lenp) = ffl__format_##action((buf), (size), \
			&(const struct ffl__args_##action){ \
				FFL__UNSET_##action \
				.ffl__lg = __VA_ARGS__ }); \
		FFL__OVERRIDE_END \
	} while (0)

extern int ffl__gate;
int ffl__enabled(int level);
void ffl__emit(size_t (*format)(char *, size_t, const void *),
	       const void *args);
void ffl__log(const ffl_logger *lg, int level, const char *module,
	      const char *action, const char *msg, ...);
ffl_logger *ffl__logger_new(const ffl_logger *parent, ...);

#define FFL__EMIT(level, action, ...) \
	do { \
		if ((level) >= ffl__gate || ffl__enabled(level)) { \
			FFL__OVERRIDE_BEGIN \
			ffl__emit(ffl__format_##action, \
				&(const struct ffl__args_##action){ \
					FFL__UNSET_##action \
					.ffl__lg = __VA_ARGS__ }); \
			FFL__OVERRIDE_END \
		} \
	} while (0)

/* download */

struct ffl__args_ffl_download_download_started {
	const ffl_logger *ffl__lg;
	const char *msg;
	const char *event_id;
	const char *file_path;
};
#define FFL__UNSET_ffl_download_download_started
size_t ffl__format_ffl_download_download_started(char *, size_t, const void *);
#define ffl_download_download_started(...) \
	FFL__EMIT(FFL_INFO, ffl_download_download_started, __VA_ARGS__)

struct ffl__args_ffl_download_downloaded {
	const ffl_logger *ffl__lg;
	const char *msg;
	const char *event_id;
	const char *file_path;
	int64_t size;
	double duration_s;
	int cached;
};
#define FFL__UNSET_ffl_download_downloaded \
	.size = FFL_UNSET_INT, \
	.duration_s = FFL_UNSET_FLOAT, \
	.cached = FFL_UNSET_BOOL,
size_t ffl__format_ffl_download_downloaded(char *, size_t, const void *);
#define ffl_download_downloaded(...) \
	FFL__EMIT(FFL_INFO, ffl_download_downloaded, __VA_ARGS__)

struct ffl__args_ffl_download_download_failed {
	const ffl_logger *ffl__lg;
	const char *msg;
	const char *event_id;
	const char *error;
};
#define FFL__UNSET_ffl_download_download_failed
size_t ffl__format_ffl_download_download_failed(char *, size_t, const void *);
#define ffl_download_download_failed(...) \
	FFL__EMIT(FFL_ERROR, ffl_download_download_failed, __VA_ARGS__)

/* upload */

struct ffl__args_ffl_upload_s3_upload_success {
	const ffl_logger *ffl__lg;
	const char *msg;
	const char *event_id;
	struct ffl_strs tags;
	struct ffl_ints minutes;
};
#define FFL__UNSET_ffl_upload_s3_upload_success
size_t ffl__format_ffl_upload_s3_upload_success(char *, size_t, const void *);
#define ffl_upload_s3_upload_success(...) \
	FFL__EMIT(FFL_INFO, ffl_upload_s3_upload_success, __VA_ARGS__)

struct ffl__args_ffl_upload_dedup_complete {
	const ffl_logger *ffl__lg;
	const char *msg;
	int64_t count;
	const char *event_id;
};
#define FFL__UNSET_ffl_upload_dedup_complete \
	.count = FFL_UNSET_INT,
size_t ffl__format_ffl_upload_dedup_complete(char *, size_t, const void *);
#define ffl_upload_dedup_complete(...) \
	FFL__EMIT(FFL_INFO, ffl_upload_dedup_complete, __VA_ARGS__)

/* rag */

struct ffl__args_ffl_rag_fallback_aliases {
	const ffl_logger *ffl__lg;
	const char *msg;
	int64_t count;
	const char *fixture_id;
};
#define FFL__UNSET_ffl_rag_fallback_aliases \
	.count = FFL_UNSET_INT,
size_t ffl__format_ffl_rag_fallback_aliases(char *, size_t, const void *);
#define ffl_rag_fallback_aliases(...) \
	FFL__EMIT(FFL_WARNING, ffl_rag_fallback_aliases, __VA_ARGS__)

#endif
