package io.omvcap.host;

import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import java.util.EnumSet;
import java.util.Set;

/** The cam refused a request with a NAK and a status code. */
public final class NakException extends CameraException {
    private static final long serialVersionUID = 1L;
    /** Statuses that mean the link or the framing is out of step rather than the request being wrong. */
    private static final Set<Status> TRANSIENT = EnumSet.of(Status.CHECKSUM, Status.SEQUENCE, Status.TIMEOUT,
            Status.OVERFLOW, Status.FRAGMENT);

    private final int opcode;
    private final int channel;
    private final int status;

    /** A NAK with {@code status} for {@code opcode} on {@code channel}. */
    public NakException(int opcode, int channel, int status) {
        super(Opcode.nameOf(opcode) + " on channel " + channel + " refused: NAK " + Status.nameOf(status));
        this.opcode = opcode;
        this.channel = channel;
        this.status = status;
    }

    /** The raw status code. */
    public int statusCode() {
        return status;
    }

    /** The known status, or {@code null} for a code this version does not know. */
    public Status status() {
        return Status.of(status);
    }

    /** The opcode of the refused request. */
    public int opcode() {
        return opcode;
    }

    /** The channel of the refused request. */
    public int channel() {
        return channel;
    }

    @Override
    public boolean isTransient() {
        Status s = status();
        return s != null && TRANSIENT.contains(s);
    }
}
