/* GLPK calls that cannot take the process down.
 *
 * GLPK ends the process (abort) on its own assertions, on "no memory" and on its memory limit
 * (glp_error -> abort). GLPK lets an application intercept that with glp_error_hook, on the
 * condition that the hook never returns: each call below installs a hook that longjmps back
 * here, then frees the thread's whole GLPK environment (glp_free_env), as GLPK's manual asks.
 * Every problem object created on this thread before is gone with it: the generation counter
 * tells the Swift side which of its handles are still alive.
 *
 * Each function returns 0 when GLPK returned (its return code in *code) and 1 when GLPK failed
 * fatally (*code untouched; the message went to the terminal hook before the jump).
 * memory_limit_mb > 0 limits what GLPK may allocate during the call, beyond what it holds on
 * this thread when the call starts (glp_mem_limit); the limit is lifted again afterwards, so
 * loading and reading results are never cut short by it.
 * Imported only by LinearProgramming/GLPK. */
#ifndef BIJLI_CGLPKGUARD_H
#define BIJLI_CGLPKGUARD_H
#include <glpk.h>

int bijli_glp_simplex(glp_prob *problem, const glp_smcp *parm, int memory_limit_mb, int *code);
int bijli_glp_exact(glp_prob *problem, const glp_smcp *parm, int memory_limit_mb, int *code);
int bijli_glp_interior(glp_prob *problem, const glp_iptcp *parm, int memory_limit_mb, int *code);
int bijli_glp_read_lp(glp_prob *problem, const char *path, int memory_limit_mb, int *code);
int bijli_glp_read_mps(glp_prob *problem, const char *path, int memory_limit_mb, int *code);
int bijli_glp_write_lp(glp_prob *problem, const char *path, int *code);
int bijli_glp_write_mps(glp_prob *problem, const char *path, int *code);

/* How many times this thread's GLPK environment was freed after a fatal error. A problem
 * created at generation g is alive while this is still g. */
unsigned long bijli_glp_generation(void);

#endif
