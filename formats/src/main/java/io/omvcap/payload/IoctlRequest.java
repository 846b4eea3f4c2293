package io.omvcap.payload;

import io.omvcap.wire.WireFormat;
import java.util.Arrays;
import java.util.Objects;

/**
 * CHANNEL_IOCTL request: uint32 request code, then its arguments.
 *
 * @param request   the request code (see {@link Ioctl})
 * @param arguments argument bytes (not copied)
 */
public record IoctlRequest(long request, byte[] arguments) {
    /** Size of the request code. */
    public static final int PREFIX_SIZE = 4;

    /** Validates the fields. */
    public IoctlRequest {
        Objects.requireNonNull(arguments, "arguments");
    }

    /** A request without arguments. */
    public static IoctlRequest of(Ioctl ioctl) {
        return new IoctlRequest(ioctl.request(), new byte[0]);
    }

    /** A request with uint32 arguments. */
    public static IoctlRequest of(Ioctl ioctl, long... args) {
        byte[] a = new byte[args.length * 4];
        for (int i = 0; i < args.length; i++) {
            WireFormat.putU32(a, i * 4, args[i]);
        }
        return new IoctlRequest(ioctl.request(), a);
    }

    /** Decodes an ioctl request. */
    public static IoctlRequest decode(byte[] p) {
        Bytes.requireAtLeast("ioctl", p, PREFIX_SIZE);
        return new IoctlRequest(WireFormat.u32(p, 0), Arrays.copyOfRange(p, PREFIX_SIZE, p.length));
    }

    /** Encodes code and arguments. */
    public byte[] encode() {
        byte[] p = new byte[PREFIX_SIZE + arguments.length];
        WireFormat.putU32(p, 0, request);
        System.arraycopy(arguments, 0, p, PREFIX_SIZE, arguments.length);
        return p;
    }

    /** The i-th uint32 argument. */
    public long argument(int i) {
        return WireFormat.u32(arguments, i * 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IoctlRequest r && r.request == request && Arrays.equals(r.arguments, arguments);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(request) * 31 + Arrays.hashCode(arguments);
    }

    @Override
    public String toString() {
        return "IoctlRequest[request=" + request + ", arguments=" + arguments.length + " bytes]";
    }
}
