package io.omvcap.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Flag names as {@code decode} and {@code info} show them, unknown bits included. */
class BitFlagTest {
    @Test
    void packetFlagsNameKnownBitsInOrderAndKeepReservedOnes() {
        int flags = Flag.ACK_REQ.mask() | Flag.FRAGMENT.mask() | 0x80;
        assertEquals(List.of("ACK_REQ", "FRAGMENT", "BIT7"), Flag.names(flags));
        assertEquals("ACK_REQ|FRAGMENT|BIT7", Flag.describe(flags));
        assertEquals("-", Flag.describe(0));
        assertTrue(Flag.EVENT.isSet(0x20));
        assertFalse(Flag.EVENT.isSet(0x1F));
    }

    @Test
    void channelFlagsNameEveryCapabilityAndAnUnknownBit() {
        assertEquals("READ|WRITE|LOCK", ChannelFlag.describe(0x0B));
        assertEquals(List.of("PHYSICAL", "BIT7"), ChannelFlag.names(0xC0));
        assertEquals(7, ChannelFlag.names(0x7F).size());
    }
}
