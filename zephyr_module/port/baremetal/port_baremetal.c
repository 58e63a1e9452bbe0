/* Bare-metal port: no console of the library's own (the application prints errors), no timer. */
#include <ztflm/port.h>

void ztflm_port_log_error(const char *message)
{
	(void)message;
}

uint32_t ztflm_port_cycles(void)
{
	return 0;
}
