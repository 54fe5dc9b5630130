package dev.sluice.collector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** What {@code sluice --version} prints: the Sluice version the build stamped in, and the Java runtime. */
final class SluiceVersion implements IVersionProvider
{
    private static final String RESOURCE = "version.properties";

    /**
     * The version lines.
     *
     * @return {@code sluice VERSION} and the runtime that runs it.
     * @throws IOException when the stamped resource cannot be read.
     */
    @Override
    public String[] getVersion() throws IOException
    {
        final Properties properties = new Properties();
        try (InputStream in = SluiceVersion.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IOException("the build did not stamp " + RESOURCE);
            }
            properties.load(in);
        }
        return new String[]{
            "sluice " + properties.getProperty("version"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
