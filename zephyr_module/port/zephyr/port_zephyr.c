/* Zephyr port: errors through the logging subsystem, cycles from the kernel's cycle counter. */
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>

#include <ztflm/port.h>

LOG_MODULE_REGISTER(ztflm, CONFIG_ZTFLM_LOG_LEVEL);

void ztflm_port_log_error(const char *message)
{
	LOG_ERR("%s", message);
}

uint32_t ztflm_port_cycles(void)
{
	return k_cycle_get_32();
}
