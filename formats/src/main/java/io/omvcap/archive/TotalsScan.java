package io.omvcap.archive;

/** Recounts totals from what a pass hands out, as the writer counted them. */
final class TotalsScan implements SessionVisitor {
    final SessionTotals totals = new SessionTotals();
    DeviceFacts device;

    @Override
    public void wire(WireChunk chunk) {
        totals.wireChunk(chunk.dir(), chunk.logTime(), chunk.length());
    }

    @Override
    public void packet(PacketView packet) {
        totals.packet(packet);
    }

    @Override
    public void message(ArchivedMessage m) {
        totals.message(m.topic(), m.logTime(), m.data().length);
        try {
            switch (m.topic()) {
                case Topics.SESSION -> totals.lifecycle(LifecycleEvent.fromMap(m.decodeMap()), m.logTime());
                case Topics.DEVICE -> device = DeviceFacts.fromMap(m.decodeMap());
                case Topics.WIRE_H2C, Topics.WIRE_C2H, Topics.PACKETS -> throw new ArchiveFormatException(
                        "undecodable");
                default -> {
                }
            }
        } catch (RuntimeException e) {
            // a message that does not decode is counted, not fatal
            totals.lifecycle(LifecycleEvent.of(LifecycleKind.ERROR, "undecodable " + m.topic() + " message"),
                    m.logTime());
        }
    }
}
