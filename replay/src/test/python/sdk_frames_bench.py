#!/usr/bin/env python3
"""Frames per second the official OpenMV Python SDK (openmv-python) pulls from a cam channel.

Usage: OPENMV_SDK=/path/to/openmv-python/src python3 sdk_frames_bench.py PORT [SECONDS] [CHANNEL]

The comparison baseline for `omvcap bench recorder`: serve the same simulated cam with
    omvcap sim --link /tmp/omvcam --settings reference,loop=1
and run this script against /tmp/omvcam, then `omvcap record --port /tmp/omvcam --channels frame
--poll 1 --duration 10s` against the same server. Both poll the cam and read the channel whenever
it reports data, the way a host that archives frames must. The SDK is imported from $OPENMV_SDK
and is not part of this repository. Prints one JSON line.
"""
import json
import os
import sys
import time

from sdk_shim import Camera  # imports the SDK from $OPENMV_SDK, with the Python 3.11 enum shim


def main(port, seconds, channel):
    with Camera(port, baudrate=921600, timeout=2.0) as cam:
        for _ in range(100):
            if cam.has_channel(channel):
                break
            time.sleep(0.05)
            cam.update_channels()
        frames = 0
        total = 0
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            if cam.read_status().get(channel):
                data = cam.channel_read(channel)
                if data:
                    frames += 1
                    total += len(data)
        elapsed = time.monotonic() - start
    print(json.dumps({"frames": frames, "seconds": round(elapsed, 3), "frames_per_s": round(frames / elapsed, 1),
                      "bytes_per_frame": total // max(frames, 1)}))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 10.0,
         sys.argv[3] if len(sys.argv) > 3 else "frame")
