# ticks.py -- OpenMV cam script for omvcap.
#
# Registers one channel:
#   ticks  READ | DYNAMIC   always ready (poll True), size 10, read returns
#                           time.ticks_ms() as 10 zero-padded ASCII digits.
#
# Host: omvcap record --port /dev/ttyACM0 --script cam-scripts/ticks.py --channels ticks
# (omvcap sim serves the same channel without hardware.)

import protocol
import time


class TicksChannel:
    def size(self):
        return 10

    def read(self, offset, size):
        return f"{time.ticks_ms():010d}"[offset:offset + size]

    def poll(self):
        return True


protocol.register(name="ticks", backend=TicksChannel())

# Keep the script alive: when it ends the cam soft-reboots and the channel
# disappears. The protocol runs from interrupts/scheduler, not from this loop.
while True:
    time.sleep_ms(100)
