#include "ffl_log.h"
#include "missing.h"
void b(void) {
	ffl_download_downloaded(NULL, .file_path = , .size = "x"
	ffl_log(NULL, 99, "", "", NULL,
}
??= ??/
"unterminated
