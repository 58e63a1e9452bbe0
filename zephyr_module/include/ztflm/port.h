/* Platform hooks: the only way the runtime reaches logging and timing (port/<platform>/). */
#ifndef ZTFLM_PORT_H_
#define ZTFLM_PORT_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Called once for every error the runtime records, with its one-line message. */
void ztflm_port_log_error(const char *message);

/** A free-running cycle (or tick) counter for the profiler. */
uint32_t ztflm_port_cycles(void);

#ifdef __cplusplus
}
#endif

#endif /* ZTFLM_PORT_H_ */
