package dev.sluice.pipeline.forward;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;

/**
 * A plain HTTP/1.1 server on a loopback port that answers each request with what a test's function makes of it,
 * and records every request: for what no real server here does, a redirect in front of a database or an OAuth 2
 * token endpoint.
 */
final class LoopbackHttpServer implements AutoCloseable
{
    /** A request as received. */
    record Request(String method, String uri, HttpHeaders headers, String body)
    {
    }

    /** An answer: status, headers, body. */
    record Reply(int status, HttpHeaders headers, String body)
    {
        static Reply of(final int status, final String header, final String value, final String body)
        {
            return new Reply(status, new DefaultHttpHeaders().set(header, value), body);
        }
    }

    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final Channel server;

    LoopbackHttpServer(final EventLoopGroup group, final Function<Request, Reply> replies)
    {
        this(group, null, replies);
    }

    /**
     * A server that speaks TLS with the given context, or plain HTTP when it is null.
     *
     * @param group   the event loop.
     * @param tls     the server's TLS context, or null.
     * @param replies makes each answer.
     */
    LoopbackHttpServer(final EventLoopGroup group, final SslContext tls, final Function<Request, Reply> replies)
    {
        server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    if (tls != null)
                    {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 24),
                        new SimpleChannelInboundHandler<FullHttpRequest>()
                        {
                            @Override
                            protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest in)
                            {
                                final Request request = new Request(in.method().name(), in.uri(),
                                    new DefaultHttpHeaders().add(in.headers()),
                                    in.content().toString(StandardCharsets.UTF_8));
                                received.add(request);
                                final Reply reply = replies.apply(request);
                                final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                    HttpResponseStatus.valueOf(reply.status()),
                                    Unpooled.copiedBuffer(reply.body(), StandardCharsets.UTF_8));
                                response.headers().add(reply.headers());
                                HttpUtil.setContentLength(response, response.content().readableBytes());
                                HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(in));
                                ctx.writeAndFlush(response);
                            }
                        });
                }
            })
            .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port()
    {
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    String url(final String path)
    {
        return "http://127.0.0.1:" + port() + path;
    }

    String httpsUrl(final String path)
    {
        return "https://localhost:" + port() + path;
    }

    List<Request> received()
    {
        return received;
    }

    @Override
    public void close()
    {
        server.close().syncUninterruptibly();
    }
}
