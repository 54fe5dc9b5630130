/**
 * The {@code sluice} command line: {@code parse} prints the samples of an exposition as JSON Lines, {@code bench}
 * measures the parsers on a file, {@code run} will start the collector. {@link dev.sluice.collector.cli.SluiceCommand}
 * is the entry point of the runnable jar.
 */
package dev.sluice.collector.cli;
