package io.omvcap.transport;

import io.omvcap.link.ByteLink;
import io.omvcap.link.LinkProvider;
import io.omvcap.link.PipeLink;

/** A plug-in transport found through ServiceLoader in tests: {@code loop:NAME} is an in-process pipe. */
public class LoopProvider implements LinkProvider {
    @Override
    public String scheme() {
        return "loop";
    }

    @Override
    public ByteLink open(String spec) {
        return PipeLink.pair(spec)[0];
    }
}
