package dev.sluice.pipeline.forward;

/**
 * The answer of a write endpoint to one batch.
 *
 * @param status     the HTTP status code.
 * @param retryAfter the {@code Retry-After} header as sent, or {@code null}.
 * @param body       the start of the response body (endpoints explain rejections there), possibly empty.
 * @param countsWrites whether the answer carries any of Remote Write 2.0's {@code X-Prometheus-Remote-Write-*-Written}
 *                   headers, which every 2.0 receiver must send.
 */
public record WriteResponse(int status, String retryAfter, String body, boolean countsWrites)
{
    /**
     * Classifies the answer as Prometheus' remote-write client does: 2xx delivered, 5xx retried, 429 retried only
     * when {@code retryOnRateLimit} ({@code retry_on_http_429}), every other status rejected.
     *
     * @param retryOnRateLimit whether a 429 is retried.
     * @return the verdict.
     */
    public SendVerdict verdict(final boolean retryOnRateLimit)
    {
        if (status >= 200 && status < 300)
        {
            return SendVerdict.DELIVERED;
        }
        if (status >= 500 || (status == 429 && retryOnRateLimit))
        {
            return SendVerdict.RETRY;
        }
        return SendVerdict.REJECTED;
    }
}
