# frame_streamer.py -- OpenMV cam script for omvcap.
#
# Registers two channels, in this order:
#   frame   READ | DYNAMIC           one JPEG frame behind a latch. poll is True
#                                    while a frame is latched; readp serves it
#                                    zero-copy; reading the last byte releases
#                                    the latch and the next frame is captured.
#                                    Each new frame sends channel event 0x01.
#   config  READ | WRITE | DYNAMIC   JSON knob {"quality": N} (starts at 90),
#                                    the JPEG quality of the next frames.
#
# Host: omvcap record --port /dev/ttyACM0 --script cam-scripts/frame_streamer.py --channels frame,config
# (omvcap sim serves the same channels without hardware.)

import csi
import json
import protocol

FRAME_READY = 0x01  # application-defined channel event: "frame ready"


class ConfigChannel:
    def __init__(self):
        self.quality = 90
        self._buf = b""

    def size(self):
        self._buf = json.dumps({"quality": self.quality}).encode()
        return len(self._buf)

    def read(self, offset, size):
        return self._buf[offset:offset + size]

    def write(self, offset, data):
        new = json.loads(bytes(data))
        if "quality" in new:
            self.quality = int(new["quality"])
        return len(data)  # None or 0 would make the firmware NAK the write


class FrameChannel:
    def poll(self):
        return frame_available

    def size(self):
        return img_size

    def readp(self, offset, size):
        global frame_available
        end = offset + size
        if end >= img_size:
            # The host asked for the last byte: release the latch. The
            # protocol sends all fragments of this request before the main
            # loop runs again, so the buffer stays valid until then.
            frame_available = False
        return img_mv[offset:end]


def capture():
    # Snapshot, compress in place at the configured quality, latch.
    global img_mv, img_size, frame_available
    img = csi0.snapshot()
    img.compress(quality=max(1, min(100, config.quality)))
    img_mv = memoryview(img.bytearray())
    img_size = len(img_mv)
    frame_available = True
    try:
        frame.send_event(FRAME_READY)
    except RuntimeError:
        pass  # no host attached (or events off): nobody to notify


csi0 = csi.CSI()
csi0.reset()
csi0.pixformat(csi.RGB565)
csi0.framesize(csi.QVGA)
csi0.framebuffers(1)  # one buffer: the latch keeps it from being overwritten
csi0.snapshot(time=2000)  # let the sensor settle

img_mv = memoryview(b"")
img_size = 0
frame_available = False

frame = protocol.register(name="frame", backend=FrameChannel())
config = ConfigChannel()
protocol.register(name="config", backend=config)

while True:
    if not frame_available:
        capture()
