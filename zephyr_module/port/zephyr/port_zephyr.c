/* Zephyr port: errors through the logging subsystem, cycles from the kernel's cycle counter. */
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>

#include <ztflm/port.h>
#include <ztflm/ztflm.h>

LOG_MODULE_REGISTER(ztflm, CONFIG_ZTFLM_LOG_LEVEL);

void ztflm_port_log_error(const struct ztflm_error *error)
{
	if (error->message[0] != '\0') {
		LOG_ERR("%s", error->message);
	} else {
		LOG_ERR("error %d at node %d (builtin %d)", error->code, (int)error->node,
			(int)error->op);
	}
}

uint32_t ztflm_port_cycles(void)
{
	return k_cycle_get_32();
}
