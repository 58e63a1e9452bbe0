/* Platform hooks: the only way the runtime reaches logging and timing (port/<platform>/). */
#ifndef ZTFLM_PORT_H_
#define ZTFLM_PORT_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ztflm_error;

/**
 * Called once for every error the runtime records. Its message is one line; with messages
 * compiled out (ZTFLM_ERROR_STRINGS 0) it is empty and the port writes the code, node and
 * builtin op instead, with the platform's own formatter.
 */
void ztflm_port_log_error(const struct ztflm_error *error);

/** A free-running cycle (or tick) counter for the profiler. */
uint32_t ztflm_port_cycles(void);

#ifdef __cplusplus
}
#endif

#endif /* ZTFLM_PORT_H_ */
