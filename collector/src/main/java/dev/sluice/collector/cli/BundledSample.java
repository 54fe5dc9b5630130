package dev.sluice.collector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.StringJoiner;

/**
 * Expositions shipped inside the jar, so that {@code sluice parse sample:NAME} works without a file. Each lives with
 * its upstream license and a README under {@code dev/sluice/collector/samples/}.
 */
enum BundledSample
{
    /** node_exporter's end-to-end output on macOS: Prometheus text, 103 samples. */
    NODE_EXPORTER("node_exporter", "node_exporter/e2e-output-darwin.txt");

    private static final String RESOURCE_ROOT = "/dev/sluice/collector/samples/";

    private final String sampleName;
    private final String resource;

    BundledSample(final String sampleName, final String resource)
    {
        this.sampleName = sampleName;
        this.resource = resource;
    }

    /**
     * Finds a sample by the name used after {@code sample:}.
     *
     * @param name for example {@code node_exporter}.
     * @return the sample.
     * @throws CommandFailure naming the available samples when there is none of that name.
     */
    static BundledSample named(final String name)
    {
        final StringJoiner available = new StringJoiner(", ");
        for (final BundledSample sample : values())
        {
            if (sample.sampleName.equals(name))
            {
                return sample;
            }
            available.add(ExpositionSource.SAMPLE_PREFIX + sample.sampleName);
        }
        throw new CommandFailure("no bundled sample \"" + name + "\"; available: " + available, 1);
    }

    /**
     * The exposition bytes, exactly as upstream.
     *
     * @return a new array.
     */
    byte[] bytes()
    {
        try (InputStream in = BundledSample.class.getResourceAsStream(RESOURCE_ROOT + resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("the jar lacks the sample resource " + resource);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
