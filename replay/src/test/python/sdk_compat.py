#!/usr/bin/env python3
"""Drive a served omvcap simulated cam with the official OpenMV Python SDK (openmv-python).

Usage: OPENMV_SDK=/path/to/openmv-python/src python3 sdk_compat.py PORT

PORT is the pty slave path (or its symlink) printed by SdkCompatLauncher. The SDK is imported
from $OPENMV_SDK and is not part of this repository. Needs pyserial, numpy and Pillow.
Exits 0 when every step worked, 1 otherwise.
"""
import os
import sys
import time

from sdk_shim import Camera  # imports the SDK from $OPENMV_SDK, with the Python 3.11 enum shim


def step(name, ok, detail=""):
    print(f"{'PASS' if ok else 'FAIL'} {name}{': ' + str(detail) if detail != '' else ''}", flush=True)
    return ok


def main(port):
    results = []
    with Camera(port, baudrate=921600, timeout=2.0) as cam:
        results.append(step("connect", True, f"channels={sorted(cam.channels_by_name)}"))
        results.append(step("system_info", cam.sysinfo.get("cpu_id") is not None,
                            f"cpu=0x{cam.sysinfo['cpu_id']:08X} usb={cam.sysinfo['usb_vid']:04X}:{cam.sysinfo['usb_pid']:04X}"))
        for _ in range(50):
            if cam.has_channel("ticks"):
                break
            time.sleep(0.05)
            cam.update_channels()
        for _ in range(100):  # a freshly started cam may not have taken its first frame yet
            status = cam.read_status()
            if status.get("ticks") and status.get("frame"):
                break
            time.sleep(0.05)
        results.append(step("read_status", status.get("ticks") is True and status.get("frame") is True, status))
        ticks = cam.channel_read("ticks")
        results.append(step("channel_read ticks", ticks is not None and len(ticks) == 10 and ticks.isdigit(), ticks))
        payload = b"hello from the SDK " * 300
        results.append(step("channel_write echo", cam.channel_write("echo", payload), f"{len(payload)} bytes"))
        reply = cam.channel_read("echo")
        results.append(step("channel_read echo", reply == b"echo: " + payload, f"{len(reply)} bytes"))
        frame_data = cam.channel_read("frame")
        results.append(step("channel_read frame", frame_data is not None and frame_data[:2] == b"\xff\xd8",
                            f"{len(frame_data)} bytes JPEG"))
        config = cam.channel_read("config")
        cam.channel_write("config", b'{"quality": 50}')
        results.append(step("config round trip", cam.channel_read("config") == b'{"quality": 50}', config))
        cam.streaming(True)
        frame = None
        for _ in range(100):
            frame = cam.read_frame()
            if frame:
                break
            time.sleep(0.02)
        results.append(step("read_frame", frame is not None and len(frame["data"]) == frame["width"] * frame["height"] * 3,
                            None if frame is None else f"{frame['width']}x{frame['height']} fmt=0x{frame['format']:08X} "
                            f"jpeg={frame['raw_size']} bytes"))
        text = ""
        for _ in range(100):
            text += cam.read_stdout() or ""
            if "hello from cam" in text:
                break
            time.sleep(0.02)
        results.append(step("read_stdout", "hello from cam" in text, repr(text[:60])))
        stats = cam.device_stats()
        results.append(step("device_stats", stats["received"] > 10, stats))
    return all(results)


if __name__ == "__main__":
    ok = main(sys.argv[1])
    print("SDK compatibility:", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)
