/**
 * The binary records a scraper writes into a relabel worker's Agrona ring buffer: one
 * {@link dev.sluice.pipeline.record.RecordType#SCRAPE_BEGIN}, one
 * {@link dev.sluice.pipeline.record.RecordType#SAMPLE} per sample with its series as raw, unescaped label bytes, one
 * {@link dev.sluice.pipeline.record.RecordType#SCRAPE_END} with the status; native histograms as
 * {@link dev.sluice.pipeline.record.RecordType#HISTOGRAM}, family metadata on change as
 * {@link dev.sluice.pipeline.record.RecordType#METADATA}, and exemplars at the end of their sample's or histogram's
 * record ({@link dev.sluice.pipeline.record.ExemplarDescriptor}). Each layout has a {@code *Descriptor}
 * (offsets and a bit diagram) and a reusable {@code *Flyweight} that reads and writes it in place;
 * {@link dev.sluice.pipeline.record.ScrapeRecordWriter} writes a whole scrape from a parser cursor without allocating
 * per sample.
 */
package dev.sluice.pipeline.record;
