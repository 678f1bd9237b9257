#ifndef GOVREG_CLIBPQ_SHIM_H
#define GOVREG_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
