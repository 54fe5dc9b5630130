package dev.sluice.pipeline.forward.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts a proxy is not used for, written as {@code no_proxy} and the {@code NO_PROXY} variable are, with the
 * rules of Go's {@code httpproxy} package: a comma-separated list of IP addresses, CIDR ranges and domain names, each
 * optionally with {@code :port}; {@code example.com} matches the domain and its subdomains, {@code .example.com}
 * only the subdomains; {@code *} matches everything. {@code localhost} and loopback addresses never use a proxy.
 */
public final class NoProxyRule
{
    /** An empty list: only {@code localhost} and loopback addresses go direct. */
    public static final NoProxyRule NONE = new NoProxyRule("");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]*:[0-9a-fA-F:.]*]?");

    private final String text;
    private final boolean everything;
    private final List<Entry> entries = new ArrayList<>();

    /**
     * Parses the list.
     *
     * @param text the comma-separated entries; empty for none.
     * @throws IllegalArgumentException when a CIDR range cannot be read.
     */
    public NoProxyRule(final String text)
    {
        this.text = text;
        boolean all = false;
        for (final String raw : text.split(","))
        {
            final String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty())
            {
                continue;
            }
            if (entry.equals("*"))
            {
                all = true;
                continue;
            }
            entries.add(Entry.parse(entry));
        }
        this.everything = all;
    }

    /**
     * Whether a request to this host and port goes direct.
     *
     * @param host the target's host, a name or an IP literal.
     * @param port the target's port.
     * @return true when no proxy is used for it.
     */
    public boolean bypasses(final String host, final int port)
    {
        final String name = stripBrackets(host.toLowerCase(Locale.ROOT));
        final InetAddress ip = literal(name);
        if (name.equals("localhost") || (ip != null && ip.isLoopbackAddress()) || everything)
        {
            return true;
        }
        for (final Entry entry : entries)
        {
            if (entry.matches(name, ip, port))
            {
                return true;
            }
        }
        return false;
    }

    private static String stripBrackets(final String host)
    {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static InetAddress literal(final String host)
    {
        if (!IP_LITERAL.matcher(host).matches())
        {
            return null;
        }
        try
        {
            return InetAddress.getByName(host);
        }
        catch (final UnknownHostException ex)
        {
            return null;
        }
    }

    /** The list as written. */
    @Override
    public String toString()
    {
        return text;
    }

    /** One entry: a CIDR range, an IP address, or a domain, with the port it applies to (0: any). */
    private record Entry(byte[] network, int prefixBits, String domain, boolean subdomainsOnly, int port)
    {
        static Entry parse(final String entry)
        {
            final int slash = entry.indexOf('/');
            if (slash > 0)
            {
                final InetAddress ip = literal(entry.substring(0, slash));
                if (ip == null)
                {
                    throw new IllegalArgumentException("not a CIDR range: " + entry);
                }
                return new Entry(ip.getAddress(), Integer.parseInt(entry.substring(slash + 1)), null, false, 0);
            }
            String host = entry;
            int port = 0;
            final int colon = entry.lastIndexOf(':');
            final boolean bracketed = entry.startsWith("[");
            if (colon > 0 && (bracketed ? entry.charAt(colon - 1) == ']' : entry.indexOf(':') == colon))
            {
                host = entry.substring(0, colon);
                port = Integer.parseInt(entry.substring(colon + 1));
            }
            host = stripBrackets(host);
            final InetAddress ip = literal(host);
            if (ip != null)
            {
                return new Entry(ip.getAddress(), ip.getAddress().length * 8, null, false, port);
            }
            if (host.startsWith("*."))
            {
                host = host.substring(1);
            }
            final boolean subdomainsOnly = host.startsWith(".");
            return new Entry(null, 0, subdomainsOnly ? host.substring(1) : host, subdomainsOnly, port);
        }

        boolean matches(final String host, final InetAddress ip, final int targetPort)
        {
            if (port != 0 && port != targetPort)
            {
                return false;
            }
            if (network != null)
            {
                return ip != null && inRange(ip.getAddress());
            }
            return host.endsWith("." + domain) || (!subdomainsOnly && host.equals(domain));
        }

        private boolean inRange(final byte[] address)
        {
            if (address.length != network.length)
            {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++)
            {
                final int mask = 0x80 >>> (bit & 7);
                if ((address[bit >> 3] & mask) != (network[bit >> 3] & mask))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
