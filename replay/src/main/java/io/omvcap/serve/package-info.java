/**
 * Serving a cam to hosts over a pseudo-terminal, TCP or an in-process pipe:
 * {@link io.omvcap.serve.CamServer} runs the engine loop with status reporting,
 * {@link io.omvcap.serve.SimCamServer} is the entry point for a simulated cam.
 */
package io.omvcap.serve;
