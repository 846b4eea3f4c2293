/**
 * Seeded, reproducible fault injection for replayed cams: {@link io.omvcap.replay.fault.FaultPlan}
 * parses {@code --faults} specs, {@link io.omvcap.replay.fault.FaultInjector} applies them to the
 * cam's packets and the host's requests and logs every fault it injects.
 */
package io.omvcap.replay.fault;
