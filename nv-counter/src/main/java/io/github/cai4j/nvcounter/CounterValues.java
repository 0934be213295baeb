package io.github.cai4j.nvcounter;

/**
 * The two trackers put into a signed payload: how many times the counter rolled over, and the counter.
 * Both are unsigned 32-bit values. A later value is greater in the order (rollover, counter).
 *
 * @param rollover the rollover tracker (PS uid 0x4000)
 * @param counter  the counter tracker (PS uid 0x4001)
 */
public record CounterValues(long rollover, long counter) implements Comparable<CounterValues> {

    public CounterValues {
        if (rollover < 0 || rollover > NvCounters.UINT32_MAX || counter < 0 || counter > NvCounters.UINT32_MAX) {
            throw new IllegalArgumentException("counter values are unsigned 32-bit");
        }
    }

    @Override
    public int compareTo(CounterValues o) {
        int c = Long.compare(rollover, o.rollover);
        return c != 0 ? c : Long.compare(counter, o.counter);
    }
}
