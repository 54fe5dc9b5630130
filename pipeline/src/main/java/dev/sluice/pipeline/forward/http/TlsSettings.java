package dev.sluice.pipeline.forward.http;

/**
 * {@code tls_config} as Prometheus reads it: the CA that signs the server's certificate (the JDK's default trust
 * store when absent), the client certificate and key for mutual TLS, the name the server's certificate must carry
 * and that is sent as SNI (the URL's host when empty), whether to skip verifying the server altogether, and the
 * range of protocol versions (TLS 1.2 up to TLS 1.3 by default, as in Go).
 *
 * @param ca                 the CA certificates, or null for the JDK's trust store.
 * @param cert               the client certificate chain, or null; set together with {@code key}.
 * @param key                the client's private key (PKCS#8), or null; set together with {@code cert}.
 * @param serverName         the expected server name, or empty for the URL's host.
 * @param insecureSkipVerify whether the server's certificate and name go unchecked.
 * @param minVersion         the lowest version offered.
 * @param maxVersion         the highest version offered.
 */
public record TlsSettings(
    PemSource ca,
    PemSource cert,
    PemSource key,
    String serverName,
    boolean insecureSkipVerify,
    TlsVersion minVersion,
    TlsVersion maxVersion)
{
    /** No {@code tls_config}: the JDK's trust store, the URL's host, TLS 1.2 and 1.3. */
    public static final TlsSettings DEFAULTS =
        new TlsSettings(null, null, null, "", false, TlsVersion.TLS12, TlsVersion.TLS13);

    /**
     * Checks that the certificate and the key come together and the versions are in order.
     *
     * @throws IllegalArgumentException when not.
     */
    public TlsSettings
    {
        if ((cert == null) != (key == null))
        {
            throw new IllegalArgumentException("a client certificate needs its key and a key its certificate");
        }
        if (minVersion.compareTo(maxVersion) > 0)
        {
            throw new IllegalArgumentException("max_version must not be below min_version");
        }
    }

    /** Where the CA and client certificate come from, the server name, the flag and versions; never a key. */
    @Override
    public String toString()
    {
        return "tls_config(ca " + (ca == null ? "system" : ca) + ", cert " + (cert == null ? "none" : cert) +
            (serverName.isEmpty() ? "" : ", server_name " + serverName) +
            (insecureSkipVerify ? ", insecure_skip_verify" : "") + ", " + minVersion + ".." + maxVersion + ")";
    }
}
