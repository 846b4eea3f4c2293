/**
 * A deterministic simulated cam ({@link io.omvcap.sim.SimCam}) running a telemetry script that
 * registers ticks / echo / frame / telemetry / config channels, with a reference mode that
 * reproduces the golden-transcript harness exactly.
 */
package io.omvcap.sim;
