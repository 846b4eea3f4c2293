# datalogger.py -- OpenMV cam script for omvcap: all channels in one script,
# for long unattended captures.
#
# Registers five channels, in this order (dynamic ids 4..8 on a cam whose
# built-in channels are 0..3, the same ids as the reference cam):
#   4 ticks      READ | DYNAMIC           10 ASCII digits of time.ticks_ms()
#   5 echo       READ | WRITE | DYNAMIC   replies b"echo: " + what the host wrote
#   6 frame      READ | DYNAMIC           latched JPEG frames, event 0x01 each
#   7 telemetry  READ | WRITE | DYNAMIC   CBOR sensors + led toggle + gain slider
#   8 config     READ | WRITE | DYNAMIC   JSON {"quality": N}, JPEG quality
# One main loop every 100 ms: capture a frame if the latch is free (at the
# current config quality), then update the telemetry values.
#
# Host: omvcap record --port /dev/ttyACM0 --script cam-scripts/datalogger.py --channels telemetry,frame,config
# (omvcap sim serves the same channels without hardware.)

import csi
import json
import machine
import math
import protocol
import time

PERIOD_MS = 100
FRAME_READY = 0x01  # application-defined channel event: "frame ready"
GAIN_DB = 12  # manual sensor gain until the host moves the slider

# ---- hardware --------------------------------------------------------------

csi0 = csi.CSI()
csi0.reset()
csi0.pixformat(csi.RGB565)
csi0.framesize(csi.QVGA)
csi0.framebuffers(1)  # one buffer: the frame latch keeps it from being overwritten
csi0.auto_gain(False, gain_db=GAIN_DB)
csi0.snapshot(time=2000)  # let the sensor settle

try:
    led = machine.LED("LED_BLUE")
except Exception:
    led = None

try:
    import pyb
    adc = pyb.ADCAll(12, 0x70000)  # STM32 boards: internal channels only
except Exception:
    adc = None


def temperature():
    if adc is not None:
        try:
            return float(adc.read_core_temp())
        except Exception:
            pass
    return 24.0 + 1.5 * math.sin(time.ticks_ms() / 60000)  # simulated


def humidity():
    return 45.0 + 5.0 * math.sin(time.ticks_ms() / 90000)  # simulated


# ---- ticks -----------------------------------------------------------------

class TicksChannel:
    def size(self):
        return 10

    def read(self, offset, size):
        return f"{time.ticks_ms():010d}"[offset:offset + size]

    def poll(self):
        return True


# ---- echo ------------------------------------------------------------------

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
        # In-order chunks land at 6 + offset; offset 0 starts a new reply.
        head = self.reply[:6 + offset] if offset else b"echo: "
        self.reply = head + bytes(data)
        self.pending = True
        return len(data)  # None or 0 would make the firmware NAK the write

    def poll(self):
        return self.pending


# ---- frame -----------------------------------------------------------------

img_mv = memoryview(b"")
img_size = 0
frame_available = False


class FrameChannel:
    def poll(self):
        return frame_available

    def size(self):
        return img_size

    def readp(self, offset, size):
        global frame_available
        end = offset + size
        if end >= img_size:
            frame_available = False  # last byte requested: release the latch
        return img_mv[offset:end]


def capture():
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


# ---- telemetry -------------------------------------------------------------

def on_write(ch, name, value):
    if name == "led" and led is not None:
        if value:
            led.on()
        else:
            led.off()
    elif name == "gain":
        csi0.auto_gain(False, gain_db=value)


telemetry = protocol.CBORChannel(on_write=on_write)
telemetry.add("temperature", type="label", value=temperature(), unit="Cel")
telemetry.add("humidity", type="label", value=humidity(), unit="%RH")
telemetry.add("counter", type="label", value=0)
telemetry.add("led", type="toggle", value=False)
telemetry.add("gain", type="slider", value=GAIN_DB, unit="dB", min=0, max=24, step=1)


# ---- config ----------------------------------------------------------------

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


config = ConfigChannel()

# ---- register (order fixes the ids) and run -------------------------------

protocol.register(name="ticks", backend=TicksChannel())
protocol.register(name="echo", backend=EchoChannel())
frame = protocol.register(name="frame", backend=FrameChannel())
protocol.register(name="telemetry", backend=telemetry)
protocol.register(name="config", backend=config)

counter = 0
while True:
    start = time.ticks_ms()
    if not frame_available:
        capture()
    counter += 1
    telemetry["temperature"] = temperature()
    telemetry["humidity"] = humidity()
    telemetry["counter"] = counter
    left = PERIOD_MS - time.ticks_diff(time.ticks_ms(), start)
    if left > 0:
        time.sleep_ms(left)
