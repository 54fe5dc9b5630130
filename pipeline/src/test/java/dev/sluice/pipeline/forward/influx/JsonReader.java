package dev.sluice.pipeline.forward.influx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON that InfluxDB's {@code /query} answers with, for tests: objects as maps, arrays as lists, strings,
 * numbers as doubles, booleans and null.
 */
final class JsonReader
{
    private final String text;
    private int position;

    private JsonReader(final String text)
    {
        this.text = text;
    }

    static Object read(final String text)
    {
        final JsonReader reader = new JsonReader(text);
        final Object value = reader.value();
        reader.skipSpaces();
        if (reader.position != text.length())
        {
            throw new IllegalArgumentException("trailing text at " + reader.position + ": " + text);
        }
        return value;
    }

    private Object value()
    {
        skipSpaces();
        final char c = text.charAt(position);
        if (c == '{')
        {
            final Map<String, Object> object = new LinkedHashMap<>();
            position++;
            while (!consume('}'))
            {
                consume(',');
                skipSpaces();
                final String key = string();
                skipSpaces();
                expect(':');
                object.put(key, value());
                skipSpaces();
            }
            return object;
        }
        if (c == '[')
        {
            final List<Object> array = new ArrayList<>();
            position++;
            while (!consume(']'))
            {
                consume(',');
                array.add(value());
                skipSpaces();
            }
            return array;
        }
        if (c == '"')
        {
            return string();
        }
        for (final String word : new String[] {"null", "true", "false"})
        {
            if (text.startsWith(word, position))
            {
                position += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        final int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0)
        {
            position++;
        }
        return Double.parseDouble(text.substring(start, position));
    }

    private String string()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        for (char c = text.charAt(position++); c != '"'; c = text.charAt(position++))
        {
            if (c == '\\')
            {
                final char escaped = text.charAt(position++);
                switch (escaped)
                {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' ->
                    {
                        out.append((char)Integer.parseInt(text.substring(position, position + 4), 16));
                        position += 4;
                    }
                    default -> out.append(escaped);
                }
            }
            else
            {
                out.append(c);
            }
        }
        return out.toString();
    }

    private boolean consume(final char c)
    {
        skipSpaces();
        if (text.charAt(position) == c)
        {
            position++;
            return true;
        }
        return false;
    }

    private void expect(final char c)
    {
        if (!consume(c))
        {
            throw new IllegalArgumentException("expected " + c + " at " + position + ": " + text);
        }
    }

    private void skipSpaces()
    {
        while (position < text.length() && Character.isWhitespace(text.charAt(position)))
        {
            position++;
        }
    }
}
