package io.omvcap.archive;

import java.io.IOException;

/** A pull-style sequence of archived messages; {@link #next()} returns {@code null} at the end. */
@FunctionalInterface
public interface MessageSource {
    /** The next message, or {@code null} when there are no more. */
    ArchivedMessage next() throws IOException;
}
