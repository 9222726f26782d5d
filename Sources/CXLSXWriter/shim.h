#ifndef DATAPAKKE_CXLSXWRITER_SHIM_H
#define DATAPAKKE_CXLSXWRITER_SHIM_H
// libxlsxwriter from Debian's libxlsxwriter-dev (1.1.4).
#include <xlsxwriter.h>
#include <locale.h>
#endif
