#include "ffl_log.h"

void f(const char *ev, const char *path, long n)
{
	ffl_download_downloaded(NULL, .event_id = ev, .file_path = path,
				.size = n, .duration_s = 1.5, .cached = 1);
	ffl_upload_s3_upload_success(NULL, .event_id = ev,
				     .tags = FFL_STRS("a", "b"),
				     .minutes = FFL_INTS(39, 90));
	ffl_download_download_failed(NULL, .event_id = "", .error = 5);
}
