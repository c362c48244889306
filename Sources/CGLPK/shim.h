/* GLPK 5.0 from Debian's libglpk-dev (no pkg-config file). Imported only by LinearProgramming/GLPK. */
#include <glpk.h>
