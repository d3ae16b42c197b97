/* Modules the catalogue does not have. */
#include "ffl_log.h"
#include "footy.h"

void modules(const char *event)
{
	ffl_log(NULL, FFL_INFO, "dowload", "downloaded", "Done",
		FFL_STR("event_id", event));
	footy_warn("ragg", "fallback_aliases", "Fallback", NULL);
	footy_log(LOG_INFO, "billing", "invoice_sent", "Sent", NULL);
	ffl_dowload_downloaded(NULL, .event_id = event);
}

/* expect:
 * 7:26: error: module 'dowload' is not in the catalogue; did you mean 'download'? [unknown-module]
 * 9:13: error: module 'ragg' is not in the catalogue; did you mean 'rag'? [unknown-module]
 * 10:22: error: module 'billing' is not in the catalogue [unknown-module]
 * 11:2: error: 'ffl_dowload_downloaded' names no catalogued module; did you mean 'ffl_download_downloaded'? [unknown-module]
 */
