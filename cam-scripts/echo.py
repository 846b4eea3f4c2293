# echo.py -- OpenMV cam script for omvcap.
#
# Registers one channel:
#   echo  READ | WRITE | DYNAMIC   the host writes bytes, the cam answers
#                                  b"echo: " + those bytes. poll is True from
#                                  the write until the reply was read to its end.
#
# Host: omvcap record --port /dev/ttyACM0 --script cam-scripts/echo.py --channels echo
# (omvcap sim serves the same channel without hardware.)

import protocol
import time


class EchoChannel:
    def __init__(self):
        self.reply = b""
        self.pending = False

    def size(self):
        return len(self.reply)

    def read(self, offset, size):
        end = offset + size
        if end >= len(self.reply):
            self.pending = False  # the host has read the reply to its end
        return self.reply[offset:end]

    def write(self, offset, data):
        # The host splits long writes into chunks, each with its own offset,
        # and sends them in order. Chunk data lands at 6 + offset, after the
        # "echo: " prefix; a write at offset 0 starts a new reply.
        # data is a view of the protocol buffer: copy it with bytes().
        head = self.reply[:6 + offset] if offset else b"echo: "
        self.reply = head + bytes(data)
        self.pending = True
        return len(data)  # None or 0 would make the firmware NAK the write

    def poll(self):
        return self.pending


protocol.register(name="echo", backend=EchoChannel())

while True:
    time.sleep_ms(100)
