package dev.sluice.pipeline.forward.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLException;

import dev.sluice.pipeline.config.InvalidConfigException;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * The client TLS context of one endpoint, built from {@link TlsSettings} with the JDK's TLS: the CA, the client
 * certificate, the versions, and ALPN offering {@code h2} before {@code http/1.1} when HTTP/2 is enabled. The PEM
 * files are read again at every {@link #current()} (each new connection) and the context rebuilt when their bytes
 * changed, as Prometheus re-reads {@code ca_file}, {@code cert_file} and {@code key_file}. Thread-safe.
 */
public final class TlsContextSource
{
    private final TlsSettings settings;
    private final boolean offerHttp2;
    private byte[][] lastPem;
    private SslContext context;

    /**
     * Creates the source; nothing is read yet.
     *
     * @param settings   {@code tls_config}.
     * @param offerHttp2 {@code enable_http2}: offer {@code h2} by ALPN.
     */
    public TlsContextSource(final TlsSettings settings, final boolean offerHttp2)
    {
        this.settings = settings;
        this.offerHttp2 = offerHttp2;
    }

    /**
     * The settings this source builds from.
     *
     * @return the settings.
     */
    public TlsSettings settings()
    {
        return settings;
    }

    /**
     * The context for a new connection, rebuilt if a PEM file changed since the last call.
     *
     * @return the context.
     * @throws InvalidConfigException naming the field whose file is missing or whose PEM is not a certificate or key.
     */
    public synchronized SslContext current()
    {
        final byte[][] pem = {read(settings.ca()), read(settings.cert()), read(settings.key())};
        if (context == null || !Arrays.deepEquals(pem, lastPem))
        {
            context = build(pem);
            lastPem = pem;
        }
        return context;
    }

    private static byte[] read(final PemSource source)
    {
        return source == null ? null : source.read();
    }

    private SslContext build(final byte[][] pem)
    {
        final SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
            .protocols(protocols());
        if (settings.insecureSkipVerify())
        {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        }
        else
        {
            builder.endpointIdentificationAlgorithm("HTTPS");
            if (pem[0] != null)
            {
                trust(builder, pem[0]);
            }
        }
        if (pem[1] != null)
        {
            clientCertificate(builder, pem[1], pem[2]);
        }
        if (offerHttp2)
        {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
        }
        try
        {
            return builder.build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new InvalidConfigException(fieldOf(settings.cert() != null ? settings.cert() : settings.ca()),
                "cannot build the TLS context (" + ex.getClass().getSimpleName() + ")");
        }
    }

    private void trust(final SslContextBuilder builder, final byte[] pem)
    {
        if (!new String(pem, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----"))
        {
            throw new InvalidConfigException(fieldOf(settings.ca()), "no PEM certificate found");
        }
        try
        {
            builder.trustManager(new ByteArrayInputStream(pem));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigException(fieldOf(settings.ca()), "not a PEM certificate (" + reason(ex) + ")");
        }
    }

    private void clientCertificate(final SslContextBuilder builder, final byte[] cert, final byte[] key)
    {
        if (!new String(cert, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----"))
        {
            throw new InvalidConfigException(fieldOf(settings.cert()), "no PEM certificate found");
        }
        final String keyText = new String(key, StandardCharsets.US_ASCII);
        if (keyText.contains("-----BEGIN RSA PRIVATE KEY-----") || keyText.contains("-----BEGIN EC PRIVATE KEY-----"))
        {
            throw new InvalidConfigException(fieldOf(settings.key()), "a PKCS#1 or SEC1 key; Sluice reads PKCS#8 " +
                "(BEGIN PRIVATE KEY): convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        try
        {
            builder.keyManager(new ByteArrayInputStream(cert), new ByteArrayInputStream(key));
        }
        catch (final IllegalArgumentException ex)
        {
            // The message of a key that cannot be read may quote it: only the exception's kind is kept.
            throw new InvalidConfigException(fieldOf(settings.key()),
                "the certificate and key cannot be read as PEM (" + ex.getClass().getSimpleName() + ")");
        }
    }

    private static String reason(final IllegalArgumentException ex)
    {
        return ex.getCause() == null ? ex.getClass().getSimpleName() : ex.getCause().getClass().getSimpleName();
    }

    private static String fieldOf(final PemSource source)
    {
        return source == null ? "tls_config" : source.field();
    }

    private String[] protocols()
    {
        final List<String> names = new ArrayList<>();
        for (final TlsVersion version : TlsVersion.values())
        {
            if (version.compareTo(settings.minVersion()) >= 0 && version.compareTo(settings.maxVersion()) <= 0)
            {
                names.add(version.jdkName());
            }
        }
        return names.toArray(String[]::new);
    }
}
