/**
 * Content negotiation of a scrape as Prometheus does it: the {@code Accept} header built from
 * {@code scrape_protocols}, and the format chosen from the response's {@code Content-Type}, with
 * {@code fallback_scrape_protocol} when it is missing or unknown.
 */
package dev.sluice.parser.negotiation;
