/* MPS2 AN386/AN500 under QEMU: the CMSIS core definitions for the core, from Kconfig. */
#ifndef ZTFLM_SOC_MPS2_H_
#define ZTFLM_SOC_MPS2_H_

#include <cmsis_core_m_defaults.h>

#endif /* ZTFLM_SOC_MPS2_H_ */
