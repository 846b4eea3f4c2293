package io.omvcap.payload;

import io.omvcap.wire.WireFormatException;

/** Size checks shared by the payload codecs. */
final class Bytes {
    private Bytes() {
    }

    static void requireSize(String what, byte[] payload, int size) {
        if (payload.length != size) {
            throw new WireFormatException(what + " payload must be " + size + " bytes, got " + payload.length);
        }
    }

    static void requireAtLeast(String what, byte[] payload, int size) {
        if (payload.length < size) {
            throw new WireFormatException(what + " payload must be at least " + size + " bytes, got " + payload.length);
        }
    }
}
