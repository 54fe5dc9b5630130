package dev.sluice.pipeline.forward;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import dev.sluice.protobuf.remote.RemoteWriteHeaders;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * One keep-alive HTTP/1.1 connection to a write endpoint, used by one shard: a batch is POSTed and its answer
 * awaited before the next is sent, which keeps batches of a shard in order. The connection is opened on first use
 * and again after the endpoint or the network closed it.
 */
public final class HttpWriteConnection implements AutoCloseable
{
    /** Response bodies are read up to this size; rejections explain themselves in far less. */
    private static final int MAX_RESPONSE_BYTES = 1 << 20;
    /** Characters of a response body kept in a {@link WriteResponse}. */
    private static final int BODY_EXCERPT_CHARS = 512;

    private final URI url;
    private final String host;
    private final int port;
    private final String pathAndQuery;
    private final Duration timeout;
    private final Bootstrap bootstrap;
    private volatile CompletableFuture<WriteResponse> pending;
    private Channel channel;

    /**
     * Creates the connection; nothing is opened yet.
     *
     * @param group   the event loop the socket runs on, shared by all endpoints.
     * @param url     the endpoint, {@code http} or {@code https} (the JDK's default trust store).
     * @param timeout {@code remote_timeout}: connect plus answer, per attempt.
     */
    public HttpWriteConnection(final EventLoopGroup group, final URI url, final Duration timeout)
    {
        final boolean tls = "https".equalsIgnoreCase(url.getScheme());
        if (!tls && !"http".equalsIgnoreCase(url.getScheme()))
        {
            throw new IllegalArgumentException("write endpoint must be http or https: " + url);
        }
        this.url = url;
        this.host = url.getHost();
        this.port = url.getPort() >= 0 ? url.getPort() : (tls ? 443 : 80);
        this.pathAndQuery = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        this.timeout = timeout;
        final SslContext ssl = tls ? clientTls() : null;
        this.bootstrap = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE, timeout.toMillis()))
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    if (ssl != null)
                    {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
                    }
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES),
                        new ResponseHandler());
                }
            });
    }

    private static SslContext clientTls()
    {
        try
        {
            return SslContextBuilder.forClient().build();
        }
        catch (final SSLException ex)
        {
            throw new IllegalStateException("TLS client context unavailable", ex);
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
     * POSTs one batch and waits for the answer.
     *
     * @param body    the request body; read, not released, and not needed once this returns.
     * @param headers request headers (content type, encoding, protocol version, auth).
     * @return the answer.
     * @throws IOException when no answer came: refused or lost connection, TLS failure, timeout.
     * @throws InterruptedException when the calling thread is interrupted while waiting.
     */
    public WriteResponse post(final ByteBuf body, final HttpHeaders headers) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Channel ch = connected(deadline);
        final CompletableFuture<WriteResponse> answer = new CompletableFuture<>();
        pending = answer;
        final FullHttpRequest request =
            new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, pathAndQuery, body.retainedDuplicate());
        request.headers().set(headers);
        request.headers().set(HttpHeaderNames.HOST, url.getPort() >= 0 ? host + ":" + port : host);
        request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
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
        final ChannelFuture connect = bootstrap.connect(host, port);
        if (!connect.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
        {
            connect.cancel(false);
            connect.channel().close();
            throw new IOException("cannot connect to " + url + " within " + timeout);
        }
        if (!connect.isSuccess())
        {
            throw new IOException("cannot connect to " + url + ": " + connect.cause(), connect.cause());
        }
        channel = connect.channel();
        return channel;
    }

    /**
     * Fails the attempt in progress at once, from any thread, as if the connection had been lost: for a shutdown
     * that must not wait for {@code remote_timeout}.
     */
    public void abort()
    {
        final CompletableFuture<WriteResponse> answer = pending;
        if (answer != null)
        {
            answer.completeExceptionally(new ClosedChannelException());
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
    }

    /** Completes the pending answer of this connection; a lost connection fails it. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            final String text = response.content().toString(StandardCharsets.UTF_8);
            final String excerpt = text.length() > BODY_EXCERPT_CHARS ? text.substring(0, BODY_EXCERPT_CHARS) : text;
            final CompletableFuture<WriteResponse> answer = pending;
            if (!HttpUtil.isKeepAlive(response))
            {
                ctx.close();
            }
            if (answer != null)
            {
                final HttpHeaders headers = response.headers();
                answer.complete(new WriteResponse(response.status().code(), headers.get(HttpHeaderNames.RETRY_AFTER),
                    excerpt, headers.contains(RemoteWriteHeaders.SAMPLES_WRITTEN) ||
                    headers.contains(RemoteWriteHeaders.HISTOGRAMS_WRITTEN) ||
                    headers.contains(RemoteWriteHeaders.EXEMPLARS_WRITTEN)));
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            final CompletableFuture<WriteResponse> answer = pending;
            if (answer != null)
            {
                answer.completeExceptionally(new ClosedChannelException());
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            final CompletableFuture<WriteResponse> answer = pending;
            if (answer != null)
            {
                answer.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}
