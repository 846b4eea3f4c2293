package io.omvcap.replay.junit;

import io.omvcap.replay.DivergencePolicy;
import io.omvcap.replay.ReplayMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Serves a recorded session as a fake cam for each test it marks (on a class: for each of its
 * tests), and injects it into test parameters: {@link io.omvcap.replay.Replay} (the running fake
 * cam: {@code writes(...)}, {@code divergences()}, {@code summary()}), {@link io.omvcap.link.ByteLink}
 * (the in-process host end), or a {@code String} or {@code Path} annotated {@link FakeCamPort}
 * (the pty path or {@code tcp://host:port}). Example:
 *
 * <pre>{@code
 * @Test
 * @FakeCam(session = "sample-sessions/frames-config.mcap", mode = ReplayMode.STRICT)
 * void uploadsTheConfig(Replay fakeCam, ByteLink link) throws Exception {
 *     runMyHostCode(new Camera(link, CameraOptions.defaults()));
 *     assertEquals(List.of(), fakeCam.divergences());
 *     assertEquals("{\"quality\": 40}", new String(fakeCam.writes("config").get(0)));
 * }
 * }</pre>
 *
 * Relative session paths are looked up from the working directory upwards, so a module's tests
 * find {@code sample-sessions/} at the repository root.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(FakeCamExtension.class)
public @interface FakeCam {
    /** The recording: one archive, or several served one after another. */
    String[] session();

    /** Model (default) or strict. */
    ReplayMode mode() default ReplayMode.MODEL;

    /** In-process (default), a pseudo-terminal, or TCP on 127.0.0.1 (a free port). */
    Transport transport() default Transport.IN_PROCESS;

    /** For {@link Transport#PTY}: a symlink to put at this path (empty: none). */
    String link() default "";

    /** {@code max} (default), {@code realtime} or a factor. */
    String speed() default "max";

    /** Start over after the last file. */
    boolean loop() default false;

    /** Faults to inject, e.g. {@code drop=0.01,nak=busy@10}. */
    String faults() default "";

    /** Seed of the random faults. */
    long seed() default 1;

    /** What strict mode does with a divergent request. */
    DivergencePolicy onDivergence() default DivergencePolicy.NAK;

    /** Fails the test after it ran when strict mode saw a divergence. */
    boolean failOnDivergence() default false;

    /** Where the fake cam is served. */
    enum Transport {
        /** An in-process pipe: inject {@link io.omvcap.link.ByteLink}. */
        IN_PROCESS,
        /** A pseudo-terminal: inject the path with {@link FakeCamPort}. */
        PTY,
        /** TCP on 127.0.0.1: inject {@code tcp://127.0.0.1:PORT} with {@link FakeCamPort}. */
        TCP
    }
}
