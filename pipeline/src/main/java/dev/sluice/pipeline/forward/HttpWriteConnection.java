package dev.sluice.pipeline.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;

import dev.sluice.pipeline.config.InvalidConfigException;
import dev.sluice.pipeline.forward.http.HttpClientSettings;
import dev.sluice.pipeline.forward.http.ProxySettings;
import dev.sluice.pipeline.forward.http.TlsContextSource;
import dev.sluice.pipeline.forward.http.TooManyRedirectsException;
import dev.sluice.protobuf.remote.RemoteWriteHeaders;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.codec.http2.HttpToHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.InboundHttp2ToHttpAdapterBuilder;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;

/**
 * One keep-alive connection to a write endpoint, used by one shard: a batch is POSTed and its answer awaited before
 * the next is sent, which keeps batches of a shard in order (over HTTP/2 too: one stream at a time). The connection
 * is opened on first use and again after the endpoint or the network closed it.
 *
 * <p>{@link HttpClientSettings} add what Prometheus' HTTP client does: {@code tls_config} (CA, client certificate,
 * server name, versions; PEM files read again on every new connection), HTTP/2 negotiated by ALPN with HTTP/1.1 when
 * the server does not offer {@code h2}, an HTTP proxy (absolute-form requests for {@code http} targets,
 * {@code CONNECT} for {@code https}), 307 and 308 redirects followed with the same method and body (at most
 * {@value #MAX_REDIRECTS}, as Go's client), and a per-request {@code Authorization} (OAuth 2).
 */
public final class HttpWriteConnection implements AutoCloseable
{
    /** Redirects followed per request before giving up, as Go's client does. */
    public static final int MAX_REDIRECTS = 10;
    /** Response bodies are read up to this size; rejections explain themselves in far less. */
    private static final int MAX_RESPONSE_BYTES = 1 << 20;
    /** Characters of a response body kept in a {@link WriteResponse}. */
    private static final int BODY_EXCERPT_CHARS = 512;
    private static final String ANSWERS = "answers";

    private final EventLoopGroup group;
    private final URI url;
    private final boolean tls;
    private final String host;
    private final int port;
    private final String requestTarget;
    private final String hostHeader;
    private final Duration timeout;
    private final HttpClientSettings settings;
    private final TlsContextSource tlsContext;
    private final URI proxy;
    private final String proxyAuthorization;
    private final Bootstrap bootstrap;
    private volatile CompletableFuture<Answer> pending;
    private Channel channel;
    private String protocol;
    private HttpWriteConnection redirectTarget;
    private int redirectsOfLastPost;

    /**
     * Creates a connection with Prometheus' remote write defaults; nothing is opened yet.
     *
     * @param group   the event loop the socket runs on, shared by all endpoints.
     * @param url     the endpoint, {@code http} or {@code https} (the JDK's default trust store).
     * @param timeout {@code remote_timeout}: connect plus answer, per attempt.
     */
    public HttpWriteConnection(final EventLoopGroup group, final URI url, final Duration timeout)
    {
        this(group, url, timeout, HttpClientSettings.DEFAULTS);
    }

    /**
     * Creates the connection; nothing is opened yet.
     *
     * @param group    the event loop the socket runs on, shared by all endpoints.
     * @param url      the endpoint, {@code http} or {@code https}.
     * @param timeout  {@code remote_timeout}: connect plus answer, per attempt.
     * @param settings TLS, proxy, HTTP/2, redirects and per-request authorization.
     */
    public HttpWriteConnection(
        final EventLoopGroup group, final URI url, final Duration timeout, final HttpClientSettings settings)
    {
        this.tls = "https".equalsIgnoreCase(url.getScheme());
        if (!tls && !"http".equalsIgnoreCase(url.getScheme()))
        {
            throw new IllegalArgumentException("write endpoint must be http or https: " + url);
        }
        this.group = group;
        this.url = url;
        this.settings = settings;
        this.host = url.getHost();
        this.port = url.getPort() >= 0 ? url.getPort() : (tls ? 443 : 80);
        this.hostHeader = url.getPort() >= 0 ? host + ":" + port : host;
        this.timeout = timeout;
        this.tlsContext = tls ? new TlsContextSource(settings.tls(), settings.enableHttp2()) : null;
        this.proxy = settings.proxy().proxyFor(url);
        this.requestTarget = requestTarget(url);
        this.proxyAuthorization = proxy == null || proxy.getRawUserInfo() == null ? null :
            "Basic " + Base64.getEncoder().encodeToString(proxy.getUserInfo().getBytes(StandardCharsets.UTF_8));
        this.bootstrap = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE, timeout.toMillis()))
            .option(ChannelOption.TCP_NODELAY, true);
        if (proxy != null && tls)
        {
            // The proxy resolves the target's name, as CONNECT host:port asks it to.
            bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
        }
    }

    /**
     * The endpoint this connection writes to.
     *
     * @return the URL.
     */
    public URI url()
    {
        return url;
    }

    /**
     * The protocol of the open connection as ALPN negotiated it.
     *
     * @return {@code h2} or {@code http/1.1}, or null before the first connection.
     */
    public String negotiatedProtocol()
    {
        return protocol;
    }

    /**
     * Redirects the last {@link #post} followed before its final answer.
     *
     * @return 0 when the endpoint answered itself.
     */
    public int redirectsOfLastPost()
    {
        return redirectsOfLastPost;
    }

    /**
     * POSTs one batch and waits for the answer, following 307 and 308 redirects when {@code follow_redirects}.
     *
     * @param body    the request body; read, not released, and not needed once this returns.
     * @param headers request headers (content type, encoding, protocol version, auth).
     * @return the answer; a redirect not followed is the answer.
     * @throws IOException when no answer came: refused or lost connection, TLS failure, timeout, no OAuth 2 token,
     *     more than {@value #MAX_REDIRECTS} redirects ({@link TooManyRedirectsException}).
     * @throws InterruptedException when the calling thread is interrupted while waiting.
     */
    public WriteResponse post(final ByteBuf body, final HttpHeaders headers) throws IOException, InterruptedException
    {
        final Answer answer = exchange(body, headers);
        final String excerpt = answer.body().length() > BODY_EXCERPT_CHARS ?
            answer.body().substring(0, BODY_EXCERPT_CHARS) : answer.body();
        return new WriteResponse(answer.status(), answer.retryAfter(), excerpt, answer.countsWrites());
    }

    /**
     * POSTs a body as {@link #post} does and returns the whole answer: for requests whose answer is read, such as an
     * OAuth 2 token.
     *
     * @param body    the request body; read, not released.
     * @param headers request headers.
     * @return the answer with its body (up to 1 MiB).
     * @throws IOException as {@link #post}.
     * @throws InterruptedException when the calling thread is interrupted while waiting.
     */
    Answer exchange(final ByteBuf body, final HttpHeaders headers) throws IOException, InterruptedException
    {
        final String authorization = settings.authorization().headerValue();
        HttpWriteConnection target = this;
        String path = requestTarget;
        redirectsOfLastPost = 0;
        while (true)
        {
            final Answer answer = target.postOnce(path, body, headers, authorization);
            final int status = answer.status();
            if ((status != 307 && status != 308) || !settings.followRedirects() || answer.location() == null)
            {
                return answer;
            }
            if (redirectsOfLastPost == MAX_REDIRECTS)
            {
                throw new TooManyRedirectsException("write to " + url + " stopped after " + MAX_REDIRECTS +
                    " redirects");
            }
            redirectsOfLastPost++;
            final URI location = target.url.resolve(answer.location());
            target = connectionTo(location);
            path = target.requestTarget(location);
        }
    }

    private HttpWriteConnection connectionTo(final URI location) throws IOException
    {
        if (!"http".equalsIgnoreCase(location.getScheme()) && !"https".equalsIgnoreCase(location.getScheme()))
        {
            throw new IOException("write to " + url + " redirected to a " + location.getScheme() + " URL");
        }
        if (sameOrigin(url, location))
        {
            return this;
        }
        if (redirectTarget == null || !sameOrigin(redirectTarget.url, location))
        {
            if (redirectTarget != null)
            {
                redirectTarget.close();
            }
            redirectTarget = new HttpWriteConnection(group, location, timeout, settings);
        }
        return redirectTarget;
    }

    private static boolean sameOrigin(final URI a, final URI b)
    {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) &&
            a.getPort() == b.getPort();
    }

    /** The request line's target: path and query, or through a proxy to an http URL the absolute form. */
    private String requestTarget(final URI location)
    {
        final String pathAndQuery = (location.getRawPath() == null || location.getRawPath().isEmpty() ? "/" :
            location.getRawPath()) + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
        return proxy != null && !tls ? "http://" + hostHeader + pathAndQuery : pathAndQuery;
    }

    private Answer postOnce(final String path, final ByteBuf body, final HttpHeaders headers, final String auth)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Channel ch = connected(deadline);
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        pending = answer;
        final FullHttpRequest request =
            new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, body.retainedDuplicate());
        request.headers().set(headers);
        request.headers().set(HttpHeaderNames.HOST, hostHeader);
        if (auth != null)
        {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, auth);
        }
        if (ApplicationProtocolNames.HTTP_2.equals(protocol))
        {
            request.headers().set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(), "https");
        }
        else
        {
            request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        if (proxyAuthorization != null && !tls)
        {
            request.headers().set(HttpHeaderNames.PROXY_AUTHORIZATION, proxyAuthorization);
        }
        HttpUtil.setContentLength(request, body.readableBytes());
        ch.writeAndFlush(request).addListener(f ->
        {
            if (!f.isSuccess())
            {
                answer.completeExceptionally(f.cause());
            }
        });
        try
        {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            ch.close();
            throw new IOException("no answer from " + url + " within " + timeout, ex);
        }
        catch (final ExecutionException ex)
        {
            ch.close();
            throw new IOException("write to " + url + " failed: " + ex.getCause(), ex.getCause());
        }
    }

    private Channel connected(final long deadline) throws IOException, InterruptedException
    {
        if (channel != null && channel.isActive())
        {
            return channel;
        }
        final CompletableFuture<String> ready = new CompletableFuture<>();
        final ChannelFuture connect = bootstrap.clone().handler(new Initializer(ready)).connect(address());
        connect.addListener(f ->
        {
            if (!f.isSuccess())
            {
                ready.completeExceptionally(f.cause());
            }
            else if (!tls)
            {
                ready.complete(ApplicationProtocolNames.HTTP_1_1);
            }
        });
        try
        {
            protocol = ready.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            connect.cancel(false);
            connect.channel().close();
            throw new IOException("cannot connect to " + url + " within " + timeout);
        }
        catch (final ExecutionException ex)
        {
            connect.channel().close();
            throw new IOException(failure(ex.getCause()), ex.getCause());
        }
        channel = connect.channel();
        return channel;
    }

    private InetSocketAddress address()
    {
        if (proxy == null)
        {
            return new InetSocketAddress(host, port);
        }
        if (tls)
        {
            return InetSocketAddress.createUnresolved(host, port);
        }
        return new InetSocketAddress(proxy.getHost(), proxy.getPort() >= 0 ? proxy.getPort() : 80);
    }

    private String failure(final Throwable cause)
    {
        final String via = proxy == null ? "" : " through " + ProxySettings.redacted(proxy);
        if (cause instanceof SSLException)
        {
            return "TLS handshake with " + url + via + " failed: " + cause.getMessage();
        }
        return "cannot connect to " + url + via + ": " + cause;
    }

    /**
     * Fails the attempt in progress at once, from any thread, as if the connection had been lost: for a shutdown
     * that must not wait for {@code remote_timeout}.
     */
    public void abort()
    {
        final CompletableFuture<Answer> answer = pending;
        if (answer != null)
        {
            answer.completeExceptionally(new ClosedChannelException());
        }
        final HttpWriteConnection redirected = redirectTarget;
        if (redirected != null)
        {
            redirected.abort();
        }
    }

    @Override
    public void close()
    {
        if (channel != null)
        {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (redirectTarget != null)
        {
            redirectTarget.close();
            redirectTarget = null;
        }
    }

    /**
     * An answer as received.
     *
     * @param status       the status code.
     * @param retryAfter   {@code Retry-After}, or null.
     * @param body         the body as text.
     * @param countsWrites whether a Remote Write 2.0 {@code *-Written} header is present.
     * @param location     {@code Location}, or null.
     * @param contentType  {@code Content-Type}, or null.
     */
    record Answer(int status, String retryAfter, String body, boolean countsWrites, String location,
        String contentType)
    {
    }

    /** Builds a new channel's pipeline: proxy, TLS, then HTTP/1.1 or h2 as negotiated, then {@link Answers}. */
    private final class Initializer extends ChannelInitializer<SocketChannel>
    {
        private final CompletableFuture<String> ready;
        private HttpProxyHandler tunnel;

        Initializer(final CompletableFuture<String> ready)
        {
            this.ready = ready;
        }

        /**
         * Fails the connection attempt. Through a tunnel, the proxy's refusal fails the TLS handshake first: the
         * failure is reported a task later, once the proxy handler has recorded why, and the proxy's reason wins.
         */
        private void fail(final Channel ch, final Throwable cause)
        {
            if (tunnel == null)
            {
                ready.completeExceptionally(cause);
                return;
            }
            ch.eventLoop().execute(() -> ready.completeExceptionally(
                tunnel.connectFuture().cause() != null ? tunnel.connectFuture().cause() : cause));
        }

        @Override
        protected void initChannel(final SocketChannel ch)
        {
            final ChannelPipeline pipeline = ch.pipeline();
            if (proxy != null && tls)
            {
                tunnel = connectProxy();
                pipeline.addLast(tunnel);
            }
            pipeline.addLast(ANSWERS, new Answers(cause -> fail(ch, cause)));
            if (!tls)
            {
                addHttp1(pipeline);
                return;
            }
            final SslHandler ssl;
            try
            {
                final String serverName = settings.tls().serverName().isEmpty() ? host : settings.tls().serverName();
                ssl = tlsContext.current().newHandler(ch.alloc(), serverName, port);
            }
            catch (final InvalidConfigException ex)
            {
                ready.completeExceptionally(new IOException(ex.getMessage()));
                ch.close();
                return;
            }
            ssl.setHandshakeTimeoutMillis(timeout.toMillis());
            pipeline.addBefore(ANSWERS, null, ssl);
            if (settings.enableHttp2())
            {
                pipeline.addBefore(ANSWERS, null, new Negotiation(ready, cause -> fail(ch, cause)));
            }
            else
            {
                addHttp1(pipeline);
            }
            ssl.handshakeFuture().addListener(f ->
            {
                if (!f.isSuccess())
                {
                    fail(ch, f.cause());
                }
                else if (!settings.enableHttp2())
                {
                    ready.complete(ApplicationProtocolNames.HTTP_1_1);
                }
            });
        }

        private HttpProxyHandler connectProxy()
        {
            final InetSocketAddress address = new InetSocketAddress(proxy.getHost(),
                proxy.getPort() >= 0 ? proxy.getPort() : 80);
            final HttpHeaders connectHeaders = new DefaultHttpHeaders();
            for (final Map.Entry<String, List<String>> header : settings.proxy().connectHeaders().entrySet())
            {
                connectHeaders.add(header.getKey(), header.getValue());
            }
            final HttpProxyHandler handler;
            if (proxy.getUserInfo() == null)
            {
                handler = new HttpProxyHandler(address, connectHeaders);
            }
            else
            {
                final String userInfo = proxy.getUserInfo();
                final int colon = userInfo.indexOf(':');
                handler = new HttpProxyHandler(address, colon < 0 ? userInfo : userInfo.substring(0, colon),
                    colon < 0 ? "" : userInfo.substring(colon + 1), connectHeaders);
            }
            handler.setConnectTimeoutMillis(timeout.toMillis());
            return handler;
        }
    }

    private static void addHttp1(final ChannelPipeline pipeline)
    {
        pipeline.addBefore(ANSWERS, null, new HttpClientCodec());
        pipeline.addBefore(ANSWERS, null, new HttpObjectAggregator(MAX_RESPONSE_BYTES));
    }

    /** After the TLS handshake, sets up h2 when ALPN chose it and HTTP/1.1 otherwise. */
    private static final class Negotiation extends ApplicationProtocolNegotiationHandler
    {
        private final CompletableFuture<String> ready;
        private final Consumer<Throwable> notReady;

        Negotiation(final CompletableFuture<String> ready, final Consumer<Throwable> notReady)
        {
            super(ApplicationProtocolNames.HTTP_1_1);
            this.ready = ready;
            this.notReady = notReady;
        }

        @Override
        protected void configurePipeline(final ChannelHandlerContext ctx, final String protocol)
        {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol))
            {
                final Http2Connection connection = new DefaultHttp2Connection(false);
                ctx.pipeline().addBefore(ANSWERS, null, new HttpToHttp2ConnectionHandlerBuilder()
                    .connection(connection)
                    .frameListener(new InboundHttp2ToHttpAdapterBuilder(connection)
                        .maxContentLength(MAX_RESPONSE_BYTES)
                        .propagateSettings(false)
                        .build())
                    .build());
            }
            else
            {
                addHttp1(ctx.pipeline());
            }
            ready.complete(protocol);
        }

        @Override
        protected void handshakeFailure(final ChannelHandlerContext ctx, final Throwable cause)
        {
            notReady.accept(cause);
            ctx.close();
        }
    }

    /** Completes the pending answer of this connection; a lost connection fails it, and a connection not ready. */
    private final class Answers extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        private final Consumer<Throwable> notReady;

        Answers(final Consumer<Throwable> notReady)
        {
            this.notReady = notReady;
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            final CompletableFuture<Answer> answer = pending;
            if (!HttpUtil.isKeepAlive(response))
            {
                ctx.close();
            }
            if (answer != null)
            {
                final HttpHeaders headers = response.headers();
                answer.complete(new Answer(response.status().code(), headers.get(HttpHeaderNames.RETRY_AFTER),
                    response.content().toString(StandardCharsets.UTF_8),
                    headers.contains(RemoteWriteHeaders.SAMPLES_WRITTEN) ||
                    headers.contains(RemoteWriteHeaders.HISTOGRAMS_WRITTEN) ||
                    headers.contains(RemoteWriteHeaders.EXEMPLARS_WRITTEN), headers.get(HttpHeaderNames.LOCATION),
                    headers.get(HttpHeaderNames.CONTENT_TYPE)));
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            notReady.accept(new ClosedChannelException());
            final CompletableFuture<Answer> answer = pending;
            if (answer != null)
            {
                answer.completeExceptionally(new ClosedChannelException());
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            final Throwable reason = cause instanceof DecoderException &&
                cause.getCause() instanceof SSLException ? cause.getCause() : cause;
            notReady.accept(reason);
            final CompletableFuture<Answer> answer = pending;
            if (answer != null)
            {
                answer.completeExceptionally(reason);
            }
            ctx.close();
        }
    }
}
