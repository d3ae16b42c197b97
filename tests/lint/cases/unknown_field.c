/* Fields the action does not declare. */
#include "ffl_log.h"
#include "footy.h"

void fields(const char *event, const char *path)
{
	/* clang rejects the designator too; the linter says why. */
	ffl_download_download_started(NULL, .event_id = event,
				      .file_pth = path);
	ffl_log(NULL, FFL_INFO, "download", "download_started", "Started",
		FFL_STR("event_id", event), FFL_INT("retries", 2));
	footy_log(LOG_ERROR, "download", "download_failed", "Failed",
		  "event_id", event, "eror", "timeout", NULL);
	ffl_logger_new(NULL, FFL_STR("workflow", "wf-1"));
}

/* expect:
 * 9:12: error: field 'file_pth' is not declared by action 'download.download_started'; did you mean 'file_path'? [unknown-field]
 * 11:39: error: field 'retries' is not declared by action 'download.download_started' [unknown-field]
 * 13:24: error: field 'eror' is not declared by action 'download.download_failed'; did you mean 'error'? [unknown-field]
 * 14:31: error: field 'workflow' is not in the catalogue [unknown-field]
 */
