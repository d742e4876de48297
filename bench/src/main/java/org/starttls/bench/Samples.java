package org.starttls.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Timings of one kind of operation; the median, because the shared machine adds long outliers. */
final class Samples {

    private final List<Long> nanos = new ArrayList<>();

    void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    int count() {
        return nanos.size();
    }

    double medianMillis() {
        List<Long> sorted = nanos.stream().sorted().toList();
        int n = sorted.size();
        double middle = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return middle / 1e6;
    }

    double minMillis() {
        return nanos.stream().mapToLong(Long::longValue).min().orElse(0) / 1e6;
    }

    /** "12.3 ms (min 10.1, n=40)". */
    String describe() {
        return String.format(Locale.ROOT, "%.1f ms (min %.1f, n=%d)", medianMillis(), minMillis(), count());
    }

    static String millis(Duration d) {
        return String.format(Locale.ROOT, "%d ms", d.toMillis());
    }
}
