package dev.sluice.pipeline.forward;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sluice.pipeline.forward.http.ProxySettings;
import dev.sluice.pipeline.forward.http.TlsSettings;

/**
 * {@code oauth2}: the client-credentials grant of RFC 6749 (section 4.4) as Prometheus configures it. The token
 * endpoint is reached with the block's own {@code tls_config} and proxy, not the write endpoint's.
 *
 * @param clientId       {@code client_id}.
 * @param clientSecret   {@code client_secret} or {@code client_secret_file} (read at every token request).
 * @param scopes         {@code scopes}, sent space-separated as {@code scope}.
 * @param tokenUrl       {@code token_url}.
 * @param endpointParams {@code endpoint_params}, added to the token request's form.
 * @param tls            the block's {@code tls_config}.
 * @param proxy          the block's {@code proxy_url} and friends.
 */
public record OAuth2Config(
    String clientId,
    ConfigSecret clientSecret,
    List<String> scopes,
    URI tokenUrl,
    Map<String, String> endpointParams,
    TlsSettings tls,
    ProxySettings proxy)
{
    /** Copies the lists, the parameters sorted by name as Go encodes a form. */
    public OAuth2Config
    {
        scopes = List.copyOf(scopes);
        endpointParams = Collections.unmodifiableMap(new TreeMap<>(endpointParams));
    }

    /** The client, token URL, scopes and parameter names; never the secret nor parameter values. */
    @Override
    public String toString()
    {
        return "oauth2(client " + clientId + ", secret " + clientSecret + ", token_url " + tokenUrl + ", scopes " +
            scopes + ", endpoint_params " + endpointParams.keySet() + ", " + tls + ", " + proxy + ")";
    }
}
