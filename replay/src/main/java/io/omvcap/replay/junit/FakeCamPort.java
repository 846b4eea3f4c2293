package io.omvcap.replay.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} or {@code Path} test parameter that receives where the {@link FakeCam}
 * is served: the pty path (the symlink when one was asked for), {@code tcp://127.0.0.1:PORT}, or
 * the in-process pipe's name.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FakeCamPort {
}
