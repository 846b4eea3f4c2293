package io.omvcap.device;

import io.omvcap.wire.ChannelFlag;
import java.util.EnumSet;
import java.util.Set;

/**
 * The optional {@link ChannelBackend} methods, detected per backend class the way the firmware's
 * {@code protocol.register()} checks which methods a Python backend object has.
 */
public enum BackendCapability {
    POLL("poll"),
    LOCK("lock"),
    UNLOCK("unlock"),
    SIZE("size"),
    SHAPE("shape"),
    READ("read", long.class, byte[].class, int.class, int.class),
    READP("readp", long.class, long.class),
    WRITE("write", long.class, byte[].class, int.class, int.class),
    IOCTL("ioctl", long.class, byte[].class),
    FLUSH("flush");

    private final String method;
    private final Class<?>[] parameters;

    BackendCapability(String method, Class<?>... parameters) {
        this.method = method;
        this.parameters = parameters;
    }

    /** The methods {@code backend}'s class overrides. */
    public static Set<BackendCapability> of(ChannelBackend backend) {
        EnumSet<BackendCapability> caps = EnumSet.noneOf(BackendCapability.class);
        for (BackendCapability c : values()) {
            try {
                if (backend.getClass().getMethod(c.method, c.parameters).getDeclaringClass() != ChannelBackend.class) {
                    caps.add(c);
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("ChannelBackend lacks " + c.method, e);
            }
        }
        return caps;
    }

    /** The READ / WRITE / LOCK channel flags implied by {@code caps}, as {@code protocol.register()} sets them. */
    public static int derivedFlags(Set<BackendCapability> caps) {
        int flags = 0;
        if (caps.contains(READ) || caps.contains(READP)) {
            flags |= ChannelFlag.READ.mask();
        }
        if (caps.contains(WRITE)) {
            flags |= ChannelFlag.WRITE.mask();
        }
        if (caps.contains(LOCK) && caps.contains(UNLOCK)) {
            flags |= ChannelFlag.LOCK.mask();
        }
        return flags;
    }
}
