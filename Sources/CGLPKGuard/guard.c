/* See include/CGLPKGuard.h. */
#include "CGLPKGuard.h"
#include <limits.h>
#include <setjmp.h>

static _Thread_local unsigned long generation = 0;

unsigned long bijli_glp_generation(void) { return generation; }

/* glp_mem_limit is absolute (GLPK's total on this thread), and GLPK compares the room left as
 * an unsigned difference: a limit below what the thread already holds would wrap round and
 * never stop anything. So the limit is set to the current total plus the call's allowance. */
static void limit_growth(int memory_limit_mb) {
    size_t total = 0;
    glp_mem_usage(NULL, NULL, &total, NULL);
    size_t limit = (total >> 20) + 1 + (size_t)memory_limit_mb;
    glp_mem_limit(limit > INT_MAX ? INT_MAX : (int)limit);
}

/* GLPK's error hook: never returns (GLPK would abort if it did). */
static void jump_back(void *info) { longjmp(*(jmp_buf *)info, 1); }

/* Runs `call` with the hook installed. After a fatal error GLPK's state on this thread is
 * inconsistent: everything it allocated here is released by glp_free_env, and the next GLPK
 * call starts a fresh environment. `call` must not touch locals changed after setjmp. */
#define GUARDED(memory_limit_mb, call)                                                        \
    do {                                                                                      \
        jmp_buf here;                                                                         \
        if (setjmp(here) != 0) {                                                              \
            glp_free_env();                                                                   \
            generation += 1;                                                                  \
            return 1;                                                                         \
        }                                                                                     \
        glp_error_hook(jump_back, &here);                                                     \
        if ((memory_limit_mb) > 0) limit_growth(memory_limit_mb);                             \
        *code = (call);                                                                       \
        if ((memory_limit_mb) > 0) glp_mem_limit(INT_MAX);                                    \
        glp_error_hook(NULL, NULL);                                                           \
        return 0;                                                                             \
    } while (0)

int bijli_glp_simplex(glp_prob *problem, const glp_smcp *parm, int memory_limit_mb, int *code) {
    GUARDED(memory_limit_mb, glp_simplex(problem, parm));
}

int bijli_glp_exact(glp_prob *problem, const glp_smcp *parm, int memory_limit_mb, int *code) {
    GUARDED(memory_limit_mb, glp_exact(problem, parm));
}

int bijli_glp_interior(glp_prob *problem, const glp_iptcp *parm, int memory_limit_mb, int *code) {
    GUARDED(memory_limit_mb, glp_interior(problem, parm));
}

int bijli_glp_read_lp(glp_prob *problem, const char *path, int memory_limit_mb, int *code) {
    GUARDED(memory_limit_mb, glp_read_lp(problem, NULL, path));
}

int bijli_glp_read_mps(glp_prob *problem, const char *path, int memory_limit_mb, int *code) {
    GUARDED(memory_limit_mb, glp_read_mps(problem, GLP_MPS_FILE, NULL, path));
}

int bijli_glp_write_lp(glp_prob *problem, const char *path, int *code) {
    GUARDED(0, glp_write_lp(problem, NULL, path));
}

int bijli_glp_write_mps(glp_prob *problem, const char *path, int *code) {
    GUARDED(0, glp_write_mps(problem, GLP_MPS_FILE, NULL, path));
}
