/**
 * The host side of the OpenMV protocol: {@link io.omvcap.host.Camera}, a client with the
 * semantics of the official Python SDK, over any {@link io.omvcap.link.ByteLink}. Protocol logic
 * ({@code HostProtocol}) is a pure state machine; {@code Session} does the I/O around it.
 *
 * <pre>{@code
 * try (Camera cam = new Camera(Transports.open("/dev/ttyACM0"), CameraOptions.defaults())) {
 *     cam.addTap(recorder);            // every byte, both directions
 *     cam.addSessionListener(archive); // packets, reads, writes, lifecycle
 *     cam.connect();
 *     cam.exec("print('hi')");
 *     String out = cam.readStdout();
 * }
 * }</pre>
 */
package io.omvcap.host;
