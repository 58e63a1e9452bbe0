# QEMU runs the image (west build -t run, twister); `west flash` hands it to
# scripts/qemu_device.py, which runs QEMU as if it were a board behind a serial line, so
# twister --device-testing goes through its real flash and serial path on these boards.
set(SUPPORTED_EMU_PLATFORMS qemu)
if(CONFIG_BOARD_MPS2_AN386)
  set(ztflm_qemu_machine mps2-an386)
  set(QEMU_CPU_TYPE_${ARCH} cortex-m4)
else()
  set(ztflm_qemu_machine mps2-an500)
  set(QEMU_CPU_TYPE_${ARCH} cortex-m7)
endif()
set(QEMU_FLAGS_${ARCH} -cpu ${QEMU_CPU_TYPE_${ARCH}} -machine ${ztflm_qemu_machine} -nographic
    -vga none)
board_set_debugger_ifnset(qemu)

get_filename_component(ztflm_qemu_device ${CMAKE_CURRENT_LIST_DIR}/../../../scripts/qemu_device.py
  ABSOLUTE)
board_set_flasher_ifnset(misc-flasher)
board_runner_args(misc-flasher ${ztflm_qemu_device} flash --machine=${ztflm_qemu_machine}
  --cpu=${QEMU_CPU_TYPE_${ARCH}})
include(${ZEPHYR_BASE}/boards/common/misc.board.cmake)
