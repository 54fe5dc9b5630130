package dev.sluice.pipeline.forward;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import dev.sluice.parser.testkit.LocalServerProcess;

/**
 * A throwaway PKI made with {@code /usr/bin/openssl} in a directory of the test: a CA, a server certificate for
 * {@code localhost} and {@code 127.0.0.1}, a server certificate valid only for {@code sluice-db.test}, a client
 * certificate, and a second CA that signed none of them. Keys are EC P-256 in PKCS#8. Missing openssl skips the test,
 * or fails it under {@code CI=true}.
 */
final class TestCertificates
{
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    final Path directory;
    final Path ca;
    final Path serverCert;
    final Path serverKey;
    final Path namedServerCert;
    final Path namedServerKey;
    final Path clientCert;
    final Path clientKey;
    final Path otherCa;

    private TestCertificates(final Path directory)
    {
        this.directory = directory;
        this.ca = directory.resolve("ca.pem");
        this.serverCert = directory.resolve("server.pem");
        this.serverKey = directory.resolve("server.key");
        this.namedServerCert = directory.resolve("named.pem");
        this.namedServerKey = directory.resolve("named.key");
        this.clientCert = directory.resolve("client.pem");
        this.clientKey = directory.resolve("client.key");
        this.otherCa = directory.resolve("other-ca.pem");
    }

    /**
     * Makes the certificates.
     *
     * @param directory where they are written.
     * @return the paths.
     */
    static TestCertificates create(final Path directory)
    {
        if (!Files.isExecutable(OPENSSL))
        {
            final String message = "openssl is not installed: apt-get install openssl (or run .ci/run)";
            if (LocalServerProcess.isCi())
            {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        final TestCertificates pki = new TestCertificates(directory);
        pki.selfSigned("ca", "Sluice Test CA");
        pki.selfSigned("other-ca", "Sluice Other CA");
        pki.signed("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        pki.signed("named", "sluice-db.test", "subjectAltName=DNS:sluice-db.test\nextendedKeyUsage=serverAuth\n");
        pki.signed("client", "sluice-client", "extendedKeyUsage=clientAuth\n");
        return pki;
    }

    private void selfSigned(final String name, final String commonName)
    {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", name + ".key", "-out", name + ".pem", "-days", "2", "-subj", "/CN=" + commonName,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void signed(final String name, final String commonName, final String extensions)
    {
        try
        {
            Files.writeString(directory.resolve(name + ".ext"), extensions, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
            name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    private void openssl(final String... arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(arguments));
        try
        {
            final Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0)
            {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A JDK TLS context that trusts this CA only, for reading back from a server over https.
     *
     * @return the context.
     */
    SSLContext trustingCa()
    {
        try
        {
            final KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(ca))));
            final TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
