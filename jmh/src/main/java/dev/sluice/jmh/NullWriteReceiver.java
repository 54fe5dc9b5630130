package dev.sluice.jmh;

import java.net.InetSocketAddress;

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
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The least a write endpoint can do: read each request whole and answer 204, on loopback. What the forwarder
 * benchmark sends to, so that it measures Sluice and not a database.
 */
final class NullWriteReceiver implements AutoCloseable
{
    private final Channel server;

    NullWriteReceiver(final EventLoopGroup group)
    {
        server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 26), new Answer());
                }
            })
            .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port()
    {
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    @Override
    public void close()
    {
        server.close().syncUninterruptibly();
    }

    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final DefaultFullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
            HttpUtil.setContentLength(response, 0);
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response);
        }
    }
}
