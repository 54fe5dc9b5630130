package dev.sluice.parser.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for test oracles ({@code expected.json}) and the JSON answers of the real servers' query
 * APIs, so the tests need no JSON library: objects become
 * {@code Map<String, Object>} (insertion order kept), arrays {@code List<Object>}, numbers {@code Long} when
 * written without fraction or exponent and {@code Double} otherwise, plus {@code String}, {@code Boolean} and null.
 * Strict enough for well-formed input; anything else fails with an {@link IllegalArgumentException}. The
 * JMH module's results table reads JMH's JSON with it too.
 */
public final class MiniJson
{
    private final String text;
    private int pos;

    private MiniJson(final String text)
    {
        this.text = text;
    }

    /**
     * Reads one JSON value that must span the whole text.
     *
     * @param text the JSON text.
     * @return the value, shaped as the class comment says.
     */
    public static Object parse(final String text)
    {
        final MiniJson reader = new MiniJson(text);
        final Object value = reader.value();
        reader.skipSpace();
        if (reader.pos != text.length())
        {
            throw reader.fail("trailing content");
        }
        return value;
    }

    private Object value()
    {
        skipSpace();
        final char c = peek();
        switch (c)
        {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}')
        {
            pos++;
            return map;
        }
        while (true)
        {
            skipSpace();
            final String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (take() == '}')
            {
                return map;
            }
            if (text.charAt(pos - 1) != ',')
            {
                throw fail("expected ',' or '}'");
            }
        }
    }

    private List<Object> array()
    {
        final List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']')
        {
            pos++;
            return list;
        }
        while (true)
        {
            list.add(value());
            skipSpace();
            if (take() == ']')
            {
                return list;
            }
            if (text.charAt(pos - 1) != ',')
            {
                throw fail("expected ',' or ']'");
            }
        }
    }

    private String string()
    {
        expect('"');
        final StringBuilder sb = new StringBuilder();
        while (true)
        {
            final char c = take();
            if (c == '"')
            {
                return sb.toString();
            }
            if (c != '\\')
            {
                sb.append(c);
                continue;
            }
            final char e = take();
            switch (e)
            {
                case 'n':
                    sb.append('\n');
                    break;
                case 't':
                    sb.append('\t');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 'b':
                    sb.append('\b');
                    break;
                case 'f':
                    sb.append('\f');
                    break;
                case 'u':
                    if (pos + 4 > text.length())
                    {
                        throw fail("unexpected end");
                    }
                    sb.append((char)Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                    break;
                default:
                    sb.append(e);
                    break;
            }
        }
    }

    private Object number()
    {
        final int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0)
        {
            pos++;
        }
        final String token = text.substring(start, pos);
        if (token.isEmpty())
        {
            throw fail("unexpected character");
        }
        return token.indexOf('.') >= 0 || token.indexOf('e') >= 0 || token.indexOf('E') >= 0 ?
            (Object)Double.parseDouble(token) : (Object)Long.parseLong(token);
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, pos))
        {
            throw fail("expected " + word);
        }
        pos += word.length();
        return value;
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace()
    {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos)))
        {
            pos++;
        }
    }

    private char peek()
    {
        if (pos >= text.length())
        {
            throw fail("unexpected end");
        }
        return text.charAt(pos);
    }

    private char take()
    {
        final char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException fail(final String reason)
    {
        return new IllegalArgumentException(reason + " at character " + pos);
    }
}
