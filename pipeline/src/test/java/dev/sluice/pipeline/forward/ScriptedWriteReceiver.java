package dev.sluice.pipeline.forward;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sluice.protobuf.remote.RemoteWrite2Decoder;
import dev.sluice.protobuf.remote.RemoteWriteHeaders;
import dev.sluice.protobuf.snappy.SnappyDecompressor;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
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
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A write endpoint that answers from a script (status, optional Retry-After and body; or no answer at all), for
 * the error paths no real database can be made to take on demand. Records every request it receives. Past the
 * script it answers 204, and to a Remote Write 2.0 request with the counts of what it holds, as a 2.0 receiver must.
 */
final class ScriptedWriteReceiver implements AutoCloseable
{
    /** One scripted answer; {@code status} 0 means: never answer. */
    record Answer(int status, String retryAfter, String body)
    {
        static Answer of(final int status)
        {
            return new Answer(status, null, "");
        }
    }

    /** A request as received, with a copy of all its headers. */
    record Received(String uri, String contentType, byte[] body, HttpHeaders headers)
    {
        /** The body, Snappy-decompressed, for a decoder. */
        byte[] uncompressedBody()
        {
            final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(body.length * 4 + 64);
            final int length = new SnappyDecompressor(1 << 26).decompress(new UnsafeBuffer(body), 0, body.length,
                out);
            final byte[] bytes = new byte[length];
            out.getBytes(0, bytes);
            return bytes;
        }

        /**
         * The uncompressed body as protobuf-java reads it with a schema, the second decoder of the Remote Write tests.
         *
         * @param schema {@code RemoteWriteSchemas.WRITE_REQUEST} or {@code REQUEST}.
         * @return the message.
         */
        DynamicMessage dynamicMessage(final Descriptor schema)
        {
            try
            {
                return DynamicMessage.parseFrom(schema, uncompressedBody());
            }
            catch (final InvalidProtocolBufferException ex)
            {
                throw new AssertionError("protobuf-java cannot read the request", ex);
            }
        }
    }

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Channel server;

    ScriptedWriteReceiver(final EventLoopGroup group, final int port, final Answer... answers)
    {
        script.addAll(List.of(answers));
        server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    connections.incrementAndGet();
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 24), new Responder());
                }
            })
            .bind("127.0.0.1", port).syncUninterruptibly().channel();
    }

    int port()
    {
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    List<Received> received()
    {
        return received;
    }

    int connections()
    {
        return connections.get();
    }

    @Override
    public void close()
    {
        server.close().syncUninterruptibly();
    }

    /** Sets the 2.0 written-count headers from the request's Snappy-compressed {@code Request}. */
    private static void countWrites(final byte[] compressed, final HttpHeaders headers)
    {
        final ExpandableDirectByteBuffer body = new ExpandableDirectByteBuffer(compressed.length * 4 + 64);
        final int length = new SnappyDecompressor(1 << 26).decompress(new UnsafeBuffer(compressed), 0,
            compressed.length, body);
        final RemoteWrite2Decoder decoder = new RemoteWrite2Decoder().wrap(body, 0, length);
        long samples = 0;
        long histograms = 0;
        long exemplars = 0;
        while (decoder.nextSeries())
        {
            samples += decoder.sampleCount();
            histograms += decoder.histogramCount();
            exemplars += decoder.exemplarCount();
        }
        headers.set(RemoteWriteHeaders.SAMPLES_WRITTEN, samples)
            .set(RemoteWriteHeaders.HISTOGRAMS_WRITTEN, histograms)
            .set(RemoteWriteHeaders.EXEMPLARS_WRITTEN, exemplars);
    }

    private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            if (request.decoderResult().isFailure())
            {
                ctx.close();
                return;
            }
            received.add(new Received(request.uri(), request.headers().get(HttpHeaderNames.CONTENT_TYPE),
                ByteBufUtil.getBytes(request.content()), new DefaultHttpHeaders().set(request.headers())));
            final Answer polled = script.poll();
            final Answer answer = polled == null ? Answer.of(204) : polled;
            final boolean countWrites = polled == null &&
                RemoteWriteHeaders.CONTENT_TYPE_2.equals(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
            if (answer.status() == 0)
            {
                return;
            }
            final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8));
            if (answer.retryAfter() != null)
            {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, answer.retryAfter());
            }
            if (countWrites)
            {
                countWrites(ByteBufUtil.getBytes(request.content()), response.headers());
            }
            HttpUtil.setContentLength(response, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response);
        }
    }
}