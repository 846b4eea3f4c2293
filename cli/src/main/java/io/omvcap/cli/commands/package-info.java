/** The sub-commands of {@code omvcap}, one class each. */
package io.omvcap.cli.commands;
