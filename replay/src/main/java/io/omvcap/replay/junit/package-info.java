/**
 * A JUnit 5 extension that serves a recorded session as a fake cam for a test:
 * {@link io.omvcap.replay.junit.FakeCam @FakeCam} on a test method or class. JUnit is an optional
 * dependency of the replay module; this package is only usable with JUnit Jupiter on the class path.
 */
package io.omvcap.replay.junit;
