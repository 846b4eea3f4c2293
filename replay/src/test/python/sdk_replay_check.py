#!/usr/bin/env python3
"""Read a replayed session with the official OpenMV Python SDK (openmv-python) and dump what it got.

Usage: OPENMV_SDK=/path/to/openmv-python/src python3 sdk_replay_check.py PORT DUMP_DIR [CHANNEL ...]

PORT is the link of `omvcap replay SESSION --link PORT`. The script connects the SDK's Camera,
turns the preview stream on, and polls: every listed channel that reports data is read (the
stream channel raw, under lock, as the SDK's read_frame does; others with channel_read), until
nothing new came for a second. Each payload goes to DUMP_DIR/<channel>-<n>.bin; one JSON line
with the counts and a SHA-256 over everything read is printed. Without CHANNEL arguments it
reads every channel but stdin. The SDK is imported from $OPENMV_SDK and is not part of this
repository; it needs pyserial, numpy and Pillow (Debian: python3-serial python3-numpy python3-pil).
Exits 0 when at least one payload was read.
"""
import hashlib
import json
import os
import sys
import time

from sdk_shim import Camera  # imports the SDK from $OPENMV_SDK, with the Python 3.11 enum shim


def read_stream(cam, stream_id):
    """The stream channel's raw bytes (frame header + image), read under lock like read_frame()."""
    if not cam._channel_lock(stream_id):
        return None
    try:
        size = cam._channel_size(stream_id)
        return cam._channel_read(stream_id, 0, size) if size > 0 else None
    finally:
        cam._channel_unlock(stream_id)


def main(port, dump, wanted):
    os.makedirs(dump, exist_ok=True)
    digest = hashlib.sha256()
    counts = {}
    with Camera(port, baudrate=921600, timeout=2.0) as cam:
        cam.streaming(True)
        last = time.monotonic()
        while time.monotonic() - last < 1.0:
            status = cam.read_status()
            for name in sorted(status):
                if not status[name] or name in ("stdin", "usb") or (wanted and name not in wanted):
                    continue
                if name == "stream":
                    data = read_stream(cam, cam.get_channel(name="stream"))
                else:
                    data = cam.channel_read(name)
                if not data:
                    continue
                n = counts.get(name, 0) + 1
                counts[name] = n
                with open(os.path.join(dump, f"{name}-{n}.bin"), "wb") as f:
                    f.write(data)
                digest.update(name.encode() + b"\0" + bytes(data))
                last = time.monotonic()
    print(json.dumps({"counts": counts, "payloads": sum(counts.values()), "sha256": digest.hexdigest()}))
    return sum(counts.values()) > 0


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv[1], sys.argv[2], set(sys.argv[3:])) else 1)
