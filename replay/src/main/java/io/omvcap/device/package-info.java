/**
 * The cam side of the OpenMV protocol, modelled on the firmware's {@code protocol/} core: the
 * {@link io.omvcap.device.ProtocolEngine} (pure logic: bytes and clock in, bytes out), channel
 * backends shaped like {@code protocol.register()} backends, the built-in stdin / stdout / stream
 * channels ({@link io.omvcap.device.CamFirmware}) and {@link io.omvcap.device.BoardProfile board
 * profiles}.
 */
package io.omvcap.device;
