/* Actions the catalogue does not list, in each call form. */
#include "ffl_log.h"
#include "footy.h"

void typos(const char *event)
{
	ffl_log(NULL, FFL_INFO, "download", "downloded", "Done",
		FFL_STR("event_id", event));
	footy_log(LOG_ERROR, "download", "download_fail", "Failed",
		  "event_id", event, NULL);
	footy_warn("rag", "aliases_fallback", "Fallback", NULL);
	/* A typed macro that does not exist: clang sees an undeclared
	 * function, the linter sees an action missing from its module. */
	ffl_download_downlaoded(NULL, .event_id = event);
	ffl_upload_zzz(NULL);
}

/* expect:
 * 7:38: error: action 'downloded' is not in module 'download'; did you mean 'downloaded'? [undocumented-action]
 * 9:35: error: action 'download_fail' is not in module 'download'; did you mean 'download_failed'? [undocumented-action]
 * 11:20: error: action 'aliases_fallback' is not in module 'rag' [undocumented-action]
 * 14:2: error: action 'downlaoded' is not in module 'download'; did you mean 'downloaded'? [undocumented-action]
 * 15:2: error: action 'zzz' is not in module 'upload' [undocumented-action]
 */
