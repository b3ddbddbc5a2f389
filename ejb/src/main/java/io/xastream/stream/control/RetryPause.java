package io.xastream.stream.control;

/**
 * How long a consumer waits before it processes a record again after a failed attempt: 0.5, 1.5,
 * 4.5, then 10 s by default ({@code xastream.transfers.redelivery-delay-ms}, {@code .redelivery-multiplier},
 * {@code .max-redelivery-delay-ms}), so that a passing fault such as a database restart clears
 * before the record runs out of its delivery attempts.
 * <p>
 * The consumer waits, not the broker: a broker-side redelivery delay would hand the key's next
 * records to the consumer while the failed one waits, and apply them before it. With no broker delay
 * a rolled-back record is back at the head of its message group at once, so its key keeps its order;
 * the price is that the keys sharing that consumer wait with it.
 */
public record RetryPause(long firstMillis, double multiplier, long maxMillis) {

    public static RetryPause fromSystemProperties() {
        return new RetryPause(Long.getLong("xastream.transfers.redelivery-delay-ms", 500),
                Double.parseDouble(System.getProperty("xastream.transfers.redelivery-multiplier", "3")),
                Long.getLong("xastream.transfers.max-redelivery-delay-ms", 10_000));
    }

    /** The wait before the given delivery attempt: none before the first. */
    public long beforeAttempt(int deliveryAttempt) {
        if (deliveryAttempt <= 1 || firstMillis <= 0) {
            return 0;
        }
        double millis = firstMillis * Math.pow(multiplier, deliveryAttempt - 2);
        return (long) Math.min(millis, maxMillis);
    }

    public void sleepBefore(int deliveryAttempt) {
        long millis = beforeAttempt(deliveryAttempt);
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
