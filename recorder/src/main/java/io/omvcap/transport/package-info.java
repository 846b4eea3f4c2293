/**
 * Host-side transports: {@link io.omvcap.transport.SerialLink} (jSerialComm, 921600 baud, ptys
 * and symlinks included), {@link io.omvcap.transport.TcpLink}, and the spec registry
 * {@link io.omvcap.transport.Transports} that maps {@code tcp://HOST:PORT}, plug-in schemes such
 * as {@code sim:} ({@link io.omvcap.link.LinkProvider} via {@link java.util.ServiceLoader}) and
 * serial port paths to open links.
 */
package io.omvcap.transport;
