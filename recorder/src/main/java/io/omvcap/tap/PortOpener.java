package io.omvcap.tap;

import io.omvcap.link.ByteLink;
import io.omvcap.transport.Transports;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Opens the cam's port when the tap starts. {@link #IMMEDIATE} fails at once when the port is
 * missing; an opener that waits for the port to appear (the recorder's {@code --wait-for-port})
 * plugs in here with the same signature.
 */
@FunctionalInterface
public interface PortOpener {
    /** Opens {@link Transports#open} at once. */
    PortOpener IMMEDIATE = (spec, stop, status) -> Optional.of(Transports.open(spec));

    /**
     * Opens the link {@code spec} names.
     *
     * @param stop   polled while waiting; when it turns true the wait ends with an empty result
     * @param status receives one line when a wait starts and ends
     * @return the open link, or empty when stopped before the port appeared
     */
    Optional<ByteLink> open(String spec, BooleanSupplier stop, Consumer<String> status) throws IOException;
}
