package io.omvcap.link;

import java.io.IOException;

/**
 * Opens links for one scheme of link spec, such as {@code sim:} for a simulated cam. Modules that
 * bring a transport of their own (the replay module's simulated cam, a test double) implement this
 * and list the class in {@code META-INF/services/io.omvcap.link.LinkProvider}; the host side's
 * spec registry finds them with {@link java.util.ServiceLoader} and never depends on them.
 */
public interface LinkProvider {
    /** The scheme handled, lower case, without the colon: {@code sim} handles {@code sim:} and {@code sim:NAME}. */
    String scheme();

    /**
     * Opens a link for {@code spec}, the whole spec string including the scheme.
     *
     * @throws IOException with a one-line message when the link cannot be opened
     */
    ByteLink open(String spec) throws IOException;
}
