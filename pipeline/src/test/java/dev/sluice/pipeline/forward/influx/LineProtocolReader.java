package dev.sluice.pipeline.forward.influx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one line of line protocol back the way InfluxDB 1.x does, for tests: a tag ends at a comma, equals sign or
 * space that does not follow a backslash, and loses the backslash of {@code \,}, {@code \=} and {@code \ }; a field
 * key's scanner skips a backslash and the byte after it, and unescapes {@code \"} too; any other backslash stays.
 * Only what {@link LineProtocolEncoder} writes is supported: one float field and a timestamp.
 */
final class LineProtocolReader
{
    /** A line as InfluxDB stores it. */
    record Line(String measurement, Map<String, String> tags, String fieldKey, double value, long timestamp)
    {
    }

    private LineProtocolReader()
    {
    }

    static Line read(final String line)
    {
        if (line.indexOf('\n') >= 0)
        {
            throw new IllegalArgumentException("more than one line: " + line);
        }
        final int keyEnd = unescapedIndex(line, 0, ' ');
        final String key = line.substring(0, keyEnd);
        int partStart = 0;
        String measurement = null;
        final Map<String, String> tags = new LinkedHashMap<>();
        while (partStart <= key.length())
        {
            final int partEnd = Math.min(unescapedIndex(key, partStart, ','), key.length());
            final String part = key.substring(partStart, partEnd);
            if (measurement == null)
            {
                measurement = part.replace("\\,", ",").replace("\\ ", " ");
            }
            else
            {
                final int equals = unescapedIndex(part, 0, '=');
                if (equals + 1 >= part.length() || unescapedIndex(part, equals + 1, '=') < part.length())
                {
                    throw new IllegalArgumentException("empty tag value or unescaped equals sign in " + line);
                }
                final String previous = tags.put(unescapeTag(part.substring(0, equals)),
                    unescapeTag(part.substring(equals + 1)));
                if (previous != null)
                {
                    throw new IllegalArgumentException("duplicate tag in " + line);
                }
            }
            partStart = partEnd + 1;
        }
        int i = keyEnd + 1;
        while (line.charAt(i) != '=')
        {
            if (line.charAt(i) == ',' || line.charAt(i) == ' ')
            {
                throw new IllegalArgumentException("unescaped separator in the field key of " + line);
            }
            i += line.charAt(i) == '\\' ? 2 : 1;
        }
        final String fieldKey = unescapeFieldKey(line.substring(keyEnd + 1, i));
        final int valueEnd = line.indexOf(' ', i);
        return new Line(measurement, tags, fieldKey, Double.parseDouble(line.substring(i + 1, valueEnd)),
            Long.parseLong(line.substring(valueEnd + 1)));
    }

    private static String unescapeFieldKey(final String text)
    {
        final StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length())
        {
            if (text.charAt(i) == '\\' && i + 1 < text.length() && ",\"= ".indexOf(text.charAt(i + 1)) >= 0)
            {
                i++;
            }
            out.append(text.charAt(i++));
        }
        return out.toString();
    }

    private static String unescapeTag(final String text)
    {
        return text.replace("\\,", ",").replace("\\ ", " ").replace("\\=", "=");
    }

    /** Index of the first {@code c} at or after {@code from} that does not follow a backslash, or the length. */
    private static int unescapedIndex(final String text, final int from, final char c)
    {
        for (int i = from; i < text.length(); i++)
        {
            if (text.charAt(i) == c && (i == 0 || text.charAt(i - 1) != '\\'))
            {
                return i;
            }
        }
        return text.length();
    }
}
