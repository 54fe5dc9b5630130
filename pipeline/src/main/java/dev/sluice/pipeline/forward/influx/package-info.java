/**
 * The InfluxDB sink: samples written as line protocol in the shape of Flux's {@code prometheus.scrape} (measurement
 * {@code prometheus}, the metric name as the field key, the labels and the scrape URL as tags), and the write URLs
 * and headers of InfluxDB 1.x and 2.x. What line protocol cannot carry is skipped and counted, never dropped
 * silently.
 */
package dev.sluice.pipeline.forward.influx;
