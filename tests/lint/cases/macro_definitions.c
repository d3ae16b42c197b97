/*
 * Calls written in macro definitions are checked where they are defined:
 * what the macro's parameters supply is taken as unknown, never wrong.
 */
#include "ffl_log.h"
#include "footy.h"

/* The names and fields written out are checked. */
#define LOG_FAILED(ev) ffl_download_download_faild(NULL, .event_id = (ev))
#define LOG_UPLOADED(ev) \
	ffl_log(NULL, FFL_WARNING, "upload", "s3_upload_success", "Uploaded", \
		FFL_STR("event_id", ev), FFL_INT("tags", 1))
#define LOG_NO_ID() ffl_download_downloaded(NULL, .size = 1)

/* A parameter may be anything: a module, an action, a level, fields. */
#define LOG_ANY(mod, act, ...) ffl_log(NULL, FFL_INFO, mod, act, "", __VA_ARGS__)
#define LOG_AT(level, ev) footy_log(level, "download", "download_failed", \
				    "Failed", "event_id", ev, NULL)
#define LOG_DL(...) ffl_download_downloaded(NULL, __VA_ARGS__)
#define LOG_KV(k, v) footy_warn("rag", "fallback_aliases", "", k, v, NULL)
#define LOG_NAMED(m) ffl_log(NULL, FFL_INFO, #m, "downloaded", "")
#define LOG_FIELD(f, v) ffl_download_download_started(NULL, .event_id = "e", .f = v)

/* Still wrong whatever the arguments: a literal NULL for a required ID. */
#define LOG_NULL_ID(p) \
	ffl_download_download_started(NULL, .event_id = NULL, .file_path = p)

#if 0
#define LOG_OFF() ffl_download_downloaded(NULL)
#endif

/* expect:
 * 9:24: error: action 'download_faild' is not in module 'download'; did you mean 'download_failed'? [undocumented-action]
 * 11:16: error: action 'upload.s3_upload_success' has level INFO in the catalogue, not WARNING [level-mismatch]
 * 12:28: error: field 'tags' is list<string>, but is passed with FFL_INT [field-type]
 * 13:21: error: missing required field 'event_id' of action 'download.downloaded' [missing-id]
 * 26:50: error: required field 'event_id' of action 'download.download_started' is a literal NULL [missing-id]
 */
