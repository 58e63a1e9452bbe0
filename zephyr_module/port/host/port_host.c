/* Host port: errors to stderr when ZTFLM_LOG is set in the environment, cycles from clock(). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <ztflm/port.h>

void ztflm_port_log_error(const char *message)
{
	if (getenv("ZTFLM_LOG") != NULL) {
		fprintf(stderr, "ztflm: %s\n", message);
	}
}

uint32_t ztflm_port_cycles(void)
{
	return (uint32_t)clock();
}
