/* ID fields an action lists must be set, and not to NULL or "". */
#include <stddef.h>

#include "ffl_log.h"
#include "footy.h"

void ids(const char *event, const char *path)
{
	ffl_download_download_started(NULL, .file_path = path);
	ffl_download_download_started(NULL, .event_id = NULL,
				      .file_path = path);
	ffl_download_download_failed(NULL, .event_id = "", .error = "timeout");
	ffl_log(NULL, FFL_WARNING, "rag", "fallback_aliases", "Fallback",
		FFL_INT("count", 1));
	footy_log(LOG_ERROR, "download", "download_failed", "Failed",
		  "event_id", NULL, "error", "timeout", NULL);
	/* Not required: listed with required: false. */
	ffl_upload_dedup_complete(NULL, .count = 3);
	/* Set, from a variable: fine. */
	ffl_download_download_started(NULL, .event_id = event);
}

size_t format(char *buf, size_t size)
{
	size_t len;

	ffl_format_event(buf, size, &len, ffl_rag_fallback_aliases, NULL,
			 .count = 2);
	return len;
}

/* expect:
 * 9:2: error: missing required field 'event_id' of action 'download.download_started' [missing-id]
 * 10:50: error: required field 'event_id' of action 'download.download_started' is a literal NULL [missing-id]
 * 12:49: error: required field 'event_id' of action 'download.download_failed' is an empty string [missing-id]
 * 13:2: error: missing required field 'fixture_id' of action 'rag.fallback_aliases' [missing-id]
 * 16:17: error: required field 'event_id' of action 'download.download_failed' is a literal NULL [missing-id]
 * 27:2: error: missing required field 'fixture_id' of action 'rag.fallback_aliases' [missing-id]
 */
