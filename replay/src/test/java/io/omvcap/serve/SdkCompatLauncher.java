package io.omvcap.serve;

import io.omvcap.sim.SimConfig;
import java.nio.file.Path;

/**
 * Serves a simulated cam on a pseudo-terminal for the manual SDK compatibility check
 * ({@code replay/src/test/python/sdk_compat.py}). Args: symlink path, seconds to run.
 * Prints the endpoint, then a status line every second on stderr.
 */
public final class SdkCompatLauncher {
    private SdkCompatLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path link = Path.of(args.length > 0 ? args[0] : "/tmp/omvcam");
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
        SimConfig config = SimConfig.builder().frameSize(320, 240).build();
        try (SimCamServer cam = SimCamServer.start(config, new ServeTarget.Pty(link),
                s -> System.err.println(s.line()), 1_000)) {
            System.out.println(cam.endpoint());
            System.out.flush();
            Thread.sleep(seconds * 1_000);
        }
    }
}
