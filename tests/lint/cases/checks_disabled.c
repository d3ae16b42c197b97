/* args: -Wno-missing-id -Wno-dynamic-name -Wno-unused-suppression */
/* Checks switched off report nothing, and their suppressions are moot. */
#include "ffl_log.h"

void quiet(const char *module)
{
	ffl_download_download_started(NULL);
	ffl_log(NULL, FFL_INFO, module, "downloaded", "Done");
	ffl_download_downloaded(NULL); // logschema-ignore: field-type
	ffl_log(NULL, FFL_INFO, "download", "downloded", "Done");
}

/* expect:
 * 10:38: error: action 'downloded' is not in module 'download'; did you mean 'downloaded'? [undocumented-action]
 */
