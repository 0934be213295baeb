package io.github.cai4j.inference.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places tensors of one element type in one array: each tensor lives from the operator that writes it to the last
 * operator that reads it, and tensors whose lifetimes do not overlap may share space (greedy first fit, largest first).
 */
final class ArenaPlanner {
    private final List<Entry> entries = new ArrayList<>();

    private static final class Entry {
        final int id;
        final int size;
        final int first;
        final int last;
        int offset = -1;

        Entry(int id, int size, int first, int last) {
            this.id = id;
            this.size = size;
            this.first = first;
            this.last = last;
        }
    }

    /** Adds tensor {@code id} of {@code size} elements alive from operator {@code first} to {@code last} inclusive. */
    void add(int id, int size, int first, int last) {
        entries.add(new Entry(id, size, first, last));
    }

    /**
     * Computes offsets; with {@code reuse == false} every tensor gets its own space. Returns the array length needed;
     * {@code offsets[id]} receives each tensor's offset.
     */
    long plan(boolean reuse, int[] offsets) {
        List<Entry> order = new ArrayList<>(entries);
        order.sort(Comparator.comparingInt((Entry e) -> e.size).reversed().thenComparingInt(e -> e.id));
        List<Entry> placed = new ArrayList<>();
        long total = 0;
        for (Entry e : order) {
            long offset = 0;
            if (reuse) {
                boolean moved = true;
                while (moved) {
                    moved = false;
                    for (Entry p : placed) {
                        boolean liveTogether = p.first <= e.last && e.first <= p.last;
                        boolean overlap = offset < p.offset + (long) p.size && p.offset < offset + e.size;
                        if (liveTogether && overlap) {
                            offset = p.offset + (long) p.size;
                            moved = true;
                        }
                    }
                }
            } else {
                offset = total;
            }
            e.offset = (int) Math.min(offset, Integer.MAX_VALUE);
            placed.add(e);
            total = Math.max(total, offset + e.size);
            offsets[e.id] = e.offset;
        }
        return total;
    }
}
