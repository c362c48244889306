/* LAPACKE 3.11 from Debian's liblapacke-dev (pkg-config: lapacke). Imported only by Statistics/LAPACK. */
#include <lapacke.h>
