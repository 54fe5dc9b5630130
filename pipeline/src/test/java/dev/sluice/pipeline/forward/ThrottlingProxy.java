package dev.sluice.pipeline.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a loopback port in front of a real server that holds every chunk a client sends for a set delay
 * before passing it on: a database that answers each request late, on each connection independently, so that more
 * connections (shards) get more through. The delay can change while it runs.
 */
final class ThrottlingProxy implements AutoCloseable
{
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long delayMs;

    ThrottlingProxy(final int targetPort, final long delayMs) throws IOException
    {
        this.targetPort = targetPort;
        this.delayMs = delayMs;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final Thread acceptor = new Thread(this::accept, "throttling-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return server.getLocalPort();
    }

    void delayMs(final long delay)
    {
        delayMs = delay;
    }

    private void accept()
    {
        while (!server.isClosed())
        {
            try
            {
                final Socket client = server.accept();
                final Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream, true);
                pipe(upstream, client, false);
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    private void pipe(final Socket from, final Socket to, final boolean delayed)
    {
        final Thread thread = new Thread(() ->
        {
            final byte[] chunk = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream())
            {
                for (int read; (read = in.read(chunk)) >= 0; )
                {
                    if (delayed && delayMs > 0)
                    {
                        Thread.sleep(delayMs);
                    }
                    out.write(chunk, 0, read);
                    out.flush();
                }
            }
            catch (final IOException | InterruptedException ex)
            {
                // The other side closed: so does this one.
            }
            finally
            {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "throttling-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(final Socket socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ex)
        {
            // Closing is all that is left to do.
        }
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        for (final Socket socket : sockets)
        {
            closeQuietly(socket);
        }
    }
}
