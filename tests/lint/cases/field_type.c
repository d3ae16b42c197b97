/* Values whose C type does not match the field's catalogue type. */
#include <stdint.h>

#include "ffl_log.h"
#include "footy.h"

struct stats {
	int64_t bytes;
	double seconds;
	const char *name;
};

void types(const char *event, const struct stats *st, int retries)
{
	ffl_download_downloaded(NULL, .event_id = event, .size = st->name,
				.cached = retries);
	ffl_download_downloaded(NULL, .event_id = event,
				.file_path = st->bytes, .msg = 42);
	/*
	 * A value clang rejects outright takes its call out of the AST; the
	 * linter still names the field from clang's error.
	 */
	ffl_download_downloaded(NULL, .event_id = event,
				.duration_s = st->name);
	ffl_upload_s3_upload_success(NULL, .event_id = event,
				     .minutes = FFL_STRS("39", "45"));
	ffl_log(NULL, FFL_INFO, "download", "downloaded", "Done",
		FFL_STR("event_id", event), FFL_STR("size", "12"),
		FFL_INT("duration_s", 2));
	ffl_log(NULL, FFL_INFO, "download", "downloaded", "Done",
		FFL_STR("event_id", event), FFL_INT("size", st->seconds));
	footy_log(LOG_INFO, "upload", "dedup_complete", "Deduplicated",
		  "count", "three", NULL);
	ffl_logger_new(NULL, FFL_INT("event_id", 7));
}

/* expect:
 * 15:59: error: field 'size' is int, but the value has type 'const char *' [field-type]
 * 16:15: error: field 'cached' is bool, but the value has type 'int' [field-type]
 * 18:18: error: field 'file_path' is string, but the value has type 'int64_t' [field-type]
 * 18:36: error: field 'msg' is string, but the value has type 'int' [field-type]
 * 24:19: error: field 'duration_s' is float, but the value has type 'const char *' [field-type]
 * 26:21: error: field 'minutes' is list<int>, but the value has type 'struct ffl_strs' [field-type]
 * 28:31: error: field 'size' is int, but is passed with FFL_STR [field-type]
 * 29:3: error: field 'duration_s' is float, but is passed with FFL_INT [field-type]
 * 31:47: error: field 'size' is int, but the value has type 'double' [field-type]
 * 33:14: error: field 'count' is int, but the value has type 'char[6]' [field-type]
 * 34:23: error: field 'event_id' is string, but is passed with FFL_INT [field-type]
 */
