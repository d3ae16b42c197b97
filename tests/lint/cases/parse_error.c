/*
 * A file clang cannot compile is reported with clang's own message, and
 * the run fails (exit 2) rather than passing what it could not check.
 * The findings it could still make are reported too.
 */
#include "ffl_log.h"

void broken(const char *event)
{
	int attempts = ;

	ffl_download_download_started(NULL, .event_id = event)
	ffl_log(NULL, FFL_INFO, "download", "downloded", "Done");
}

/* expect:
 * 10:17: error: expected expression [parse-error]
 * 12:56: error: expected ';' after do/while statement [parse-error]
 * 13:38: error: action 'downloded' is not in module 'download'; did you mean 'downloaded'? [undocumented-action]
 */
