/* Host port: errors to stderr when ZTFLM_LOG is set in the environment, cycles from clock(). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <ztflm/port.h>
#include <ztflm/ztflm.h>

void ztflm_port_log_error(const struct ztflm_error *error)
{
	if (getenv("ZTFLM_LOG") == NULL) {
		return;
	}
	if (error->message[0] != '\0') {
		fprintf(stderr, "ztflm: %s\n", error->message);
	} else {
		fprintf(stderr, "ztflm: error %d at node %d (builtin %d)\n", error->code,
			(int)error->node, (int)error->op);
	}
}

uint32_t ztflm_port_cycles(void)
{
	return (uint32_t)clock();
}
