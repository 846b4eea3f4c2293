"""pytest recipe: test Python host code against a recorded OpenMV session served by `omvcap replay`.

Copy this file (or just the `fake_cam` fixture) into your project's tests. The fixture starts
`omvcap replay SESSION --link PATH` for a test, gives your code the pseudo-terminal PATH to open
like a serial port (here with the official SDK's `Camera`), and stops the replay afterwards,
handing you its JSON summary (payloads served per channel, strict-mode divergences, faults).

How to run (this cannot run in CI: the SDK is not on PyPI's mirror here and is never committed):

    git clone https://github.com/openmv/openmv-python /tmp/openmv-python     # the official SDK
    apt-get install python3-serial python3-numpy python3-pil python3-pytest   # its needs, from Debian
    OPENMV_SDK=/tmp/openmv-python/src python3 -m pytest -q replay/src/test/python/test_fake_cam_recipe.py

Environment: OPENMV_SDK (the SDK's src folder), OMVCAP (the omvcap command; default: the `omvcap`
launcher at the repository root), OMVCAP_SAMPLES (default: sample-sessions/ at the repository root).
On Python 3.11 the SDK needs the enum shim of sdk_shim.py (imported below).
"""
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from sdk_shim import Camera  # the official SDK from $OPENMV_SDK (with the Python 3.11 enum shim)

ROOT = Path(__file__).resolve().parents[4]
OMVCAP = os.environ.get("OMVCAP", str(ROOT / "omvcap"))
SAMPLES = Path(os.environ.get("OMVCAP_SAMPLES", ROOT / "sample-sessions"))


class FakeCam:
    """One `omvcap replay` process: start() it with a session, open `port`, stop() it for the summary."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.process = None
        self.port = None
        self.summary = None

    def start(self, session, *options):
        """Serves `session` (plus options such as "--mode", "strict"); returns the port to open."""
        self.port = str(self.workdir / "omvcam")
        self.process = subprocess.Popen([OMVCAP, "replay", str(session), "--link", self.port, "--json", *options],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120  # the launcher may build omvcap on first use
        while not os.path.exists(self.port):
            if self.process.poll() is not None:
                raise RuntimeError("omvcap replay failed: " + self.process.stderr.read())
            if time.monotonic() > deadline:
                raise TimeoutError("omvcap replay did not come up")
            time.sleep(0.05)
        return self.port

    def stop(self):
        """Stops the replay; returns its summary (a dict, see `omvcap replay --help`)."""
        if self.process is None:
            return self.summary
        self.process.send_signal(signal.SIGTERM)
        out, err = self.process.communicate(timeout=60)
        self.returncode = self.process.returncode  # 4 when strict mode saw a divergence
        self.process = None
        self.summary = json.loads(out)
        return self.summary


@pytest.fixture
def fake_cam(tmp_path):
    cam = FakeCam(tmp_path)
    yield cam
    if cam.process is not None:
        cam.stop()


def test_reads_the_recorded_telemetry(fake_cam):
    port = fake_cam.start(SAMPLES / "telemetry.mcap")
    with Camera(port, baudrate=921600, timeout=2.0) as cam:
        values = [cam.channel_read("telemetry") for _ in range(5)]
    summary = fake_cam.stop()
    assert all(v and v[0] >> 5 == 4 for v in values), "CBOR arrays, as the cam sent them"
    assert summary["channels"]["telemetry"]["served"] >= 4


def my_host_code(port, quality):
    """Stands for the code under test: configures the cam and reads a frame."""
    with Camera(port, baudrate=921600, timeout=1.0) as cam:
        cam.channel_write("config", b'{"quality": %d}' % quality)
        assert cam.channel_read("config")
        return cam.channel_read("frame")


def test_strict_mode_catches_a_changed_request(fake_cam, tmp_path):
    # once: serve any recording to the host code and keep what it asked for as its reference
    reference = tmp_path / "reference.mcap"
    fake_cam.start(SAMPLES / "frames-config.mcap", "--record-host", str(reference))
    frame = my_host_code(fake_cam.port, quality=40)
    fake_cam.stop()
    assert frame[:2] == b"\xff\xd8"

    # every run: the same host code against its reference, strictly
    fake_cam.start(reference, "--mode", "strict")
    assert my_host_code(fake_cam.port, quality=40) == frame
    summary = fake_cam.stop()
    assert summary["divergence_count"] == 0 and fake_cam.returncode == 0

    # a host that changed one request is caught, and the request named
    fake_cam.start(reference, "--mode", "strict")
    try:
        my_host_code(fake_cam.port, quality=41)  # the divergent write is NAKed (--on-divergence nak)
    except Exception:
        pass  # whether the host code gives up on a NAK is up to it
    summary = fake_cam.stop()
    assert fake_cam.returncode == 4
    first = summary["divergences"][0]
    assert first["got"]["opcode"] == "CHANNEL_WRITE" and first["fields"] == ["data"], first["text"]
