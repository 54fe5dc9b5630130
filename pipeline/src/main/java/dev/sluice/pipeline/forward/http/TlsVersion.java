package dev.sluice.pipeline.forward.http;

/**
 * A TLS protocol version as {@code tls_config.min_version} and {@code max_version} name it. The JDK disables TLS 1.0
 * and 1.1 by default ({@code jdk.tls.disabledAlgorithms}): allowing them here does not enable them there.
 */
public enum TlsVersion
{
    /** TLS 1.0. */
    TLS10("TLSv1"),
    /** TLS 1.1. */
    TLS11("TLSv1.1"),
    /** TLS 1.2, the lowest version allowed by default, as in Prometheus (Go's default). */
    TLS12("TLSv1.2"),
    /** TLS 1.3, the highest version. */
    TLS13("TLSv1.3");

    private final String jdkName;

    TlsVersion(final String jdkName)
    {
        this.jdkName = jdkName;
    }

    /**
     * The name of the version in the JDK's {@code SSLEngine.setEnabledProtocols}.
     *
     * @return such as {@code TLSv1.2}.
     */
    public String jdkName()
    {
        return jdkName;
    }
}
