# config.py -- OpenMV cam script for omvcap.
#
# Registers one channel:
#   config  READ | WRITE | DYNAMIC   a JSON knob, starts as {"quality": 90}.
#                                    The host writes {"quality": N} to change
#                                    it and reads the current JSON back.
#                                    No poll method: it never reports "ready".
#
# On its own this script only holds the knob and prints each change (visible
# on the stdout channel); frame_streamer.py and datalogger.py use the value
# as the JPEG quality of the frame channel.
#
# Host: omvcap record --port /dev/ttyACM0 --script cam-scripts/config.py --channels config
# (omvcap sim serves the same channel without hardware.)

import json
import protocol
import time


class ConfigChannel:
    def __init__(self):
        self.quality = 90
        self._buf = b""

    def size(self):
        # A fresh JSON dump on every size request, read out by read().
        self._buf = json.dumps({"quality": self.quality}).encode()
        return len(self._buf)

    def read(self, offset, size):
        return self._buf[offset:offset + size]

    def write(self, offset, data):
        new = json.loads(bytes(data))  # bad JSON raises: the write is NAKed
        if "quality" in new:
            self.quality = int(new["quality"])
        return len(data)  # None or 0 would make the firmware NAK the write


config = ConfigChannel()
protocol.register(name="config", backend=config)

applied = None
while True:
    if config.quality != applied:
        applied = config.quality
        print("config: quality", applied)
    time.sleep_ms(100)
