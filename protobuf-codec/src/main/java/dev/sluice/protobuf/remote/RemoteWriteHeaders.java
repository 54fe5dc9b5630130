package dev.sluice.protobuf.remote;

/**
 * The HTTP request headers and values that go with each Remote Write version, as the specifications require: a
 * sender sets them, a receiver picks the decoder by them. Strings only, so that this module stays free of any HTTP
 * library.
 */
public final class RemoteWriteHeaders
{
    /** Name of the header naming the body's media type. */
    public static final String CONTENT_TYPE = "Content-Type";
    /** Name of the header naming the body's compression. */
    public static final String CONTENT_ENCODING = "Content-Encoding";
    /** Name of the header naming the Remote Write version of the request. */
    public static final String VERSION = "X-Prometheus-Remote-Write-Version";
    /** Content encoding of both versions: a Snappy block. */
    public static final String SNAPPY = "snappy";

    /** Media type of a 1.0 {@code prometheus.WriteRequest}. */
    public static final String CONTENT_TYPE_1 = "application/x-protobuf";
    /** Version header value of 1.0. */
    public static final String VERSION_1 = "0.1.0";

    /** Media type of a 2.0 {@code io.prometheus.write.v2.Request}. */
    public static final String CONTENT_TYPE_2 = "application/x-protobuf;proto=io.prometheus.write.v2.Request";
    /** Version header value of 2.0. */
    public static final String VERSION_2 = "2.0.0";

    /** Response header of a 2.0 receiver: samples it wrote. */
    public static final String SAMPLES_WRITTEN = "X-Prometheus-Remote-Write-Samples-Written";
    /** Response header of a 2.0 receiver: histogram samples it wrote. */
    public static final String HISTOGRAMS_WRITTEN = "X-Prometheus-Remote-Write-Histograms-Written";
    /** Response header of a 2.0 receiver: exemplars it wrote. */
    public static final String EXEMPLARS_WRITTEN = "X-Prometheus-Remote-Write-Exemplars-Written";

    private RemoteWriteHeaders()
    {
    }
}
