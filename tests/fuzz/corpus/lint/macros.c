#include "ffl_log.h"
#define LOG(p) ffl_download_download_started(NULL, .file_path = p)
#define WRAP(x) do { x; } while (0)
#if 0
ffl_download_download_started(NULL);
#endif
void m(const char *p, const char *ev)
{
	LOG(p); // logschema-ignore: missing-id
	// logschema-ignore-next-line: missing-id, field-type
	WRAP(ffl_download_download_started(NULL, .event_id = ev));
	ffl_logger *lg = ffl_logger_new(NULL, FFL_STR("event_id", ev));
	ffl_download_downloaded(lg, .file_path = p); /* logschema-ignore: nothing */
	ffl_logger_free(lg);
}
