/*
 * Calls among macros and preprocessor directives: inactive code is not
 * checked, calls inside other macros' arguments and in macro definitions
 * are, and diagnostics point at the call as written.
 */
#include "ffl_log.h"

#define RETRY(stmt) do { stmt; } while (0)
/* Checked where it is defined, not where it is used. */
#define LOG_START(p) ffl_download_download_started(NULL, .file_path = p)

#if 0
	ffl_download_download_started(NULL);
#endif

void wrapped(const char *event, const char *path, int n)
{
#ifdef NOT_DEFINED_ANYWHERE
	ffl_log(NULL, FFL_INFO, "nowhere", "nothing", "");
#else
	RETRY(ffl_download_download_started(NULL, .event_id = event,
					    .file_path = path));
#endif
	RETRY(ffl_download_downloaded(NULL, .file_path = path,
				      .size = (n > 0 ? n : (int)sizeof((int[]){ 1, 2 }))));
	LOG_START(path);
	ffl_log(NULL, FFL_INFO, "download" /* a comment, with a comma */,
		"downloaded", "done (x, y)",
		FFL_STR("event_id", event),
		FFL_INT("size", sizeof(struct { int a, b; })));
	ffl_download_downloaded(NULL, .event_id = event, .size = "1,2");
}

/* expect:
 * 10:22: error: missing required field 'event_id' of action 'download.download_started' [missing-id]
 * 24:8: error: missing required field 'event_id' of action 'download.downloaded' [missing-id]
 * 31:59: error: field 'size' is int, but the value has type 'char[4]' [field-type]
 */
