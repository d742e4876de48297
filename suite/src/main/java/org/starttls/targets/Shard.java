package org.starttls.targets;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code smtp.shard=i/n}: the i-th of n parts (1-based) of the run's work, so n CI jobs share a long list. The split
 * depends on the keys alone: they are sorted and dealt out in turn (key k of the sorted distinct keys goes to shard
 * {@code k mod n + 1}). Every key is in exactly one shard, shard sizes differ by one at most, and every machine, run
 * and input order gives the same split. Units with the same key go to the same shard.
 *
 * <p>Dealing sorted keys balances better than hashing (10 units on 4 shards are 3, 3, 2, 2, never 5, 1, 2, 2), at a
 * price: adding one unit can move others to another shard. A shard job should therefore read the same list as its
 * siblings, which CI gives it.
 *
 * <p>What the run shards are {@link TargetSources}: the configuration's entries, before any DNS lookup. See there why.
 *
 * @param index 1-based
 * @param count the number of shards
 */
public record Shard(int index, int count) {

    /** The whole list: one shard of one. */
    public static final Shard ALL = new Shard(1, 1);
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist; write i/n with 1 <= i <= n, "
                    + "for example 2/4 for the second of four");
        }
    }

    /** Reads {@code i/n}. */
    public static Shard parse(String value) {
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a shard; write i/n with 1 <= i <= n, for example 2/4 "
                    + "for the second of four");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The shard of every distinct key: sorted, then dealt out in turn. */
    public static Map<String, Integer> assign(int count, Collection<String> keys) {
        Map<String, Integer> shards = new LinkedHashMap<>();
        int k = 0;
        for (String key : new TreeSet<>(keys)) {
            shards.put(key, k++ % count + 1);
        }
        return shards;
    }

    public boolean isAll() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
