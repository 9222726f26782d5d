#ifndef DATAPAKKE_CXLSXWRITER_SHIM_H
#define DATAPAKKE_CXLSXWRITER_SHIM_H
// libxlsxwriter from Debian's libxlsxwriter-dev (1.1.4).
#include <xlsxwriter.h>
#include <locale.h>
#include <stdio.h>
#include <sys/types.h>

#if defined(__GLIBC__)
// glibc's fopencookie (declared by <stdio.h> only under _GNU_SOURCE, which the Swift module of the C
// library is not built with), so that the wrapper can filter libxlsxwriter's messages on stderr.
// The struct has the layout of glibc's cookie_io_functions_t: four function pointers.
typedef struct {
    void *read;
    ssize_t (*write)(void *cookie, const char *buffer, size_t size);
    void *seek;
    void *close;
} datapakke_cookie_io_functions;
FILE *fopencookie(void *cookie, const char *mode, datapakke_cookie_io_functions functions);

// Replaces C's stderr (a global the library's messages are printed to).
static inline void datapakke_replace_stderr(FILE *stream) { stderr = stream; }
#endif
#endif
