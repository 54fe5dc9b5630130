package dev.sluice.protobuf.exposition;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader of the protobuf text format as {@code protoc --decode} writes it, for the {@code *.decoded.txtpb}
 * oracles of the corpus: {@code name: value} and {@code name { ... }} fields, {@code #} comments, C-style string
 * escapes (octal and hex bytes included, decoded as UTF-8). Scalars stay the token text ({@code 1.5}, {@code
 * nan}, {@code GAUGE}); the test decides what they mean.
 */
final class TextProto
{
    /** One message: field name to values in order, each a {@code String} or a {@code Message}. */
    static final class Message
    {
        private final Map<String, List<Object>> fields = new LinkedHashMap<>();

        private void add(final String name, final Object value)
        {
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }

        /** The last value of a scalar field, or null when absent. */
        String scalar(final String name)
        {
            final List<Object> values = fields.get(name);
            return values == null ? null : (String)values.get(values.size() - 1);
        }

        /** The last value of a message field, or null when absent. */
        Message message(final String name)
        {
            final List<Message> all = messages(name);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        /** Every value of a repeated message field. */
        List<Message> messages(final String name)
        {
            final List<Message> out = new ArrayList<>();
            for (final Object value : fields.getOrDefault(name, List.of()))
            {
                out.add((Message)value);
            }
            return out;
        }

        /** Every value of a repeated scalar field. */
        List<String> scalars(final String name)
        {
            final List<String> out = new ArrayList<>();
            for (final Object value : fields.getOrDefault(name, List.of()))
            {
                out.add((String)value);
            }
            return out;
        }
    }

    private final String text;
    private int pos;

    private TextProto(final String text)
    {
        this.text = text;
    }

    /**
     * Splits a dump of several messages, each headed by a comment {@code # --- message N: L bytes ---}.
     *
     * @param dump the file content.
     * @return the messages in order.
     */
    static List<Message> parseDump(final String dump)
    {
        final List<Message> out = new ArrayList<>();
        for (final String part : dump.split("(?m)^# --- message \\d+: \\d+ bytes ---$"))
        {
            if (!part.isBlank())
            {
                out.add(parse(part));
            }
        }
        return out;
    }

    static Message parse(final String text)
    {
        return new TextProto(text).fields(false);
    }

    private Message fields(final boolean nested)
    {
        final Message message = new Message();
        while (true)
        {
            skipSpaceAndComments();
            if (pos == text.length())
            {
                if (nested)
                {
                    throw fail("missing '}'");
                }
                return message;
            }
            if (text.charAt(pos) == '}')
            {
                if (!nested)
                {
                    throw fail("unexpected '}'");
                }
                pos++;
                return message;
            }
            final String name = token();
            skipSpaceAndComments();
            if (text.charAt(pos) == ':')
            {
                pos++;
                skipSpaceAndComments();
            }
            if (text.charAt(pos) == '{')
            {
                pos++;
                message.add(name, fields(true));
            }
            else
            {
                message.add(name, text.charAt(pos) == '"' ? string() : token());
            }
        }
    }

    private String token()
    {
        final int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) &&
            "{}:\"".indexOf(text.charAt(pos)) < 0)
        {
            pos++;
        }
        if (start == pos)
        {
            throw fail("expected a token");
        }
        return text.substring(start, pos);
    }

    private String string()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pos++;
        while (text.charAt(pos) != '"')
        {
            final char c = text.charAt(pos++);
            if (c != '\\')
            {
                final byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                continue;
            }
            bytes.write(escape());
        }
        pos++;
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private int escape()
    {
        final char e = text.charAt(pos++);
        switch (e)
        {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'x':
                return digits(16, 2);
            default:
                if (e >= '0' && e <= '7')
                {
                    pos--;
                    return digits(8, 3);
                }
                return e;
        }
    }

    /** A byte written as up to {@code maxDigits} digits of a radix. */
    private int digits(final int radix, final int maxDigits)
    {
        final int start = pos;
        while (pos < start + maxDigits && Character.digit(text.charAt(pos), radix) >= 0)
        {
            pos++;
        }
        return Integer.parseInt(text.substring(start, pos), radix);
    }

    private void skipSpaceAndComments()
    {
        while (pos < text.length())
        {
            final char c = text.charAt(pos);
            if (c == '#')
            {
                while (pos < text.length() && text.charAt(pos) != '\n')
                {
                    pos++;
                }
            }
            else if (Character.isWhitespace(c))
            {
                pos++;
            }
            else
            {
                return;
            }
        }
    }

    private IllegalArgumentException fail(final String reason)
    {
        return new IllegalArgumentException(reason + " at character " + pos);
    }
}
