package dev.sluice.parser.number;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A slow, allocation-heavy model of Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} built on {@link BigDecimal},
 * used as the oracle for {@link FloatFormatter}.
 *
 * <p>Shortest digits: for n = 1..17, the two n-digit decimals on either side of the exact value are candidates;
 * the first n where one of them reads back as {@code v} wins, and when both do, the nearer one (ties to even).
 * Rounding the exact value half-even and taking the first n that reads back is not enough: just above a power of
 * two the lower gap is half the upper one, and the shortest decimal may then lie farther from {@code v} than the
 * rounded one, on the wide side (2^-1017 is written {@code 7.120236347223045e-307}, not with 17 digits).
 */
final class GoFormatReference
{
    private GoFormatReference()
    {
    }

    /**
     * What Go writes for {@code v}.
     *
     * @param v any double.
     * @return the text.
     */
    static String formatGo(final double v)
    {
        if (Double.isNaN(v))
        {
            return "NaN";
        }
        if (Double.isInfinite(v))
        {
            return v > 0 ? "+Inf" : "-Inf";
        }
        final String sign = (Double.doubleToRawLongBits(v) < 0) ? "-" : "";
        if (v == 0)
        {
            return sign + "0";
        }
        return sign + layout(shortest(Math.abs(v)));
    }

    /**
     * What Prometheus 3's {@code FormatOpenMetricsFloat} writes for {@code v}.
     *
     * @param v any double.
     * @return the text.
     */
    static String formatOpenMetrics(final double v)
    {
        if (v == 0)
        {
            return "0.0";
        }
        final String go = formatGo(v);
        return Double.isFinite(v) && go.indexOf('.') < 0 && go.indexOf('e') < 0 ? go + ".0" : go;
    }

    /**
     * The shortest decimal that reads back as {@code v}, nearest among the shortest.
     *
     * @param v a positive finite double.
     * @return the decimal.
     */
    static BigDecimal shortest(final double v)
    {
        final BigDecimal exact = new BigDecimal(v);
        for (int n = 1; n <= 17; n++)
        {
            final BigDecimal below = exact.round(new MathContext(n, RoundingMode.FLOOR));
            final BigDecimal above = exact.round(new MathContext(n, RoundingMode.CEILING));
            final boolean belowReadsBack = Double.parseDouble(below.toString()) == v;
            final boolean aboveReadsBack = Double.parseDouble(above.toString()) == v;
            if (belowReadsBack && aboveReadsBack)
            {
                return exact.round(new MathContext(n, RoundingMode.HALF_EVEN));
            }
            if (belowReadsBack || aboveReadsBack)
            {
                return belowReadsBack ? below : above;
            }
        }
        throw new AssertionError("no decimal of 17 digits reads back as " + v);
    }

    private static String layout(final BigDecimal value)
    {
        final BigDecimal stripped = value.stripTrailingZeros();
        final String digits = stripped.unscaledValue().toString();
        final int count = digits.length();
        final int point = count - stripped.scale();
        final int exponent = point - 1;
        final StringBuilder text = new StringBuilder();
        if (exponent < -4 || exponent >= 6)
        {
            text.append(digits.charAt(0));
            if (count > 1)
            {
                text.append('.').append(digits, 1, count);
            }
            text.append('e').append(exponent < 0 ? '-' : '+');
            final int magnitude = Math.abs(exponent);
            if (magnitude < 10)
            {
                text.append('0');
            }
            return text.append(magnitude).toString();
        }
        if (point > 0)
        {
            for (int i = 0; i < point; i++)
            {
                text.append(i < count ? digits.charAt(i) : '0');
            }
        }
        else
        {
            text.append('0');
        }
        final int decimals = Math.max(count - point, 0);
        if (decimals > 0)
        {
            text.append('.');
            for (int i = 0; i < decimals; i++)
            {
                final int j = point + i;
                text.append(j >= 0 && j < count ? digits.charAt(j) : '0');
            }
        }
        return text.toString();
    }
}
