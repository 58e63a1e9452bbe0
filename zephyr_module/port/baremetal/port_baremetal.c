/* Bare-metal port: no console of the library's own (the application prints errors), no timer. */
#include <ztflm/port.h>

void ztflm_port_log_error(const struct ztflm_error *error)
{
	(void)error;
}

uint32_t ztflm_port_cycles(void)
{
	return 0;
}
