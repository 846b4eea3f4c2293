# telemetry.py -- OpenMV cam script for omvcap.
#
# Registers one channel:
#   telemetry  READ | WRITE | DYNAMIC   a protocol.CBORChannel with five fields:
#       temperature  label   "Cel"  internal temperature sensor, else simulated
#       humidity     label   "%RH"  simulated
#       counter      label          +1 per loop (every 100 ms)
#       led          toggle         host switches the blue LED
#       gain         slider  "dB"   host sets the sensor gain, 0..24 step 1
#   poll is True after the values changed, until the host asks for the size.
#
# Host: omvcap record --port /dev/ttyACM0 --script cam-scripts/telemetry.py --channels telemetry
# (omvcap sim serves the same channel without hardware.)

import csi
import machine
import math
import protocol
import time

GAIN_DB = 12  # manual sensor gain until the host moves the slider

csi0 = csi.CSI()
csi0.reset()
csi0.pixformat(csi.RGB565)
csi0.framesize(csi.QVGA)
csi0.auto_gain(False, gain_db=GAIN_DB)

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


def on_write(ch, name, value):
    # Runs when the host writes a field; the channel has stored the value.
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
protocol.register(name="telemetry", backend=telemetry)

# Values are set from the loop rather than from an on_read callback: with
# on_read the channel would report ready on every poll; this way poll means
# "changed since the host last read", as on the reference cam.
counter = 0
while True:
    counter += 1
    telemetry["temperature"] = temperature()
    telemetry["humidity"] = humidity()
    telemetry["counter"] = counter
    time.sleep_ms(100)
