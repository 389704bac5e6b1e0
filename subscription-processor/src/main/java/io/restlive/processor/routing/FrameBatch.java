package io.restlive.processor.routing;

import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.ChangeFrames;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.FrameEntry;
import io.restlive.schemas.TaskPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records one change produces: per slot, each distinct rendered instance once and one entry per group
 * (and target), split into as many parts as the record budget needs. An edge delivers a change's parts
 * together, so a connection still gets one change's frames in subscription order.
 *
 * <p>The caller checks each payload against the frame limit before adding it ({@link #fits}); a payload
 * under the limit always fits a record on its own, so any number of groups can be addressed.
 */
public final class FrameBatch {

    /** Room in a record for everything but the payloads and entries' group keys. */
    static final int OVERHEAD = 512;
    /** Room per entry besides its group key and target. */
    static final int ENTRY_OVERHEAD = 16;

    private final TaskPosition position;
    private final String entityKey;
    private final String model;
    private final String pk;
    private final long ts;
    private final int recordBudget;
    private final Map<Integer, SlotParts> slots = new LinkedHashMap<>();

    /**
     * @param position the change's position
     * @param recordBudget the most bytes of payloads and entries one record carries
     */
    public FrameBatch(TaskPosition position, String entityKey, String model, String pk, long ts, int recordBudget) {
        this.position = position;
        this.entityKey = entityKey;
        this.model = model;
        this.pk = pk;
        this.ts = ts;
        this.recordBudget = recordBudget;
    }

    /** The UTF-8 size of a payload, what a frame limit is compared with; counted without encoding it. */
    public static int size(String payload) {
        int bytes = payload.length();
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c >= 0x80) {
                // Two bytes up to U+07FF, three above; a surrogate pair (two chars) makes four.
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    /** True if a payload of {@code bytes} fits a record of {@code recordBudget} with one entry. */
    public static boolean fits(int bytes, int recordBudget) {
        return bytes + OVERHEAD + ENTRY_OVERHEAD + 128 <= recordBudget;
    }

    /**
     * Adds a group's entry for a slot.
     *
     * @param payloadBytes the payload's UTF-8 size, {@link #size}
     * @param target null for a live frame, else the session or subscriber key a replayed frame goes to
     */
    public void add(int slot, String groupKey, BroadcastAction action, String payload, int payloadBytes,
                    String target) {
        slots.computeIfAbsent(slot, s -> new SlotParts()).add(groupKey, action, payload, payloadBytes, target);
    }

    /** True if nothing was added. */
    public boolean isEmpty() {
        return slots.isEmpty();
    }

    /** The records, per slot in the order slots were first used, each slot's parts in order. */
    public List<SlotRecord> records() {
        List<SlotRecord> out = new ArrayList<>();
        slots.forEach((slot, parts) -> {
            List<Part> all = parts.parts();
            for (int i = 0; i < all.size(); i++) {
                Part part = all.get(i);
                ChangeFrames frames = ChangeFrames.newBuilder().setModel(model).setPk(pk)
                        .setTs(Instant.ofEpochMilli(ts)).setPart(i).setLast(i == all.size() - 1)
                        .setPayloads(part.payloads).setEntries(part.entries).build();
                out.add(new SlotRecord(slot, entityKey, EdgeBroadcast.newBuilder().setPosition(position)
                        .setChange(frames).setNotices(List.of()).build()));
            }
        });
        return out;
    }

    /** The parts of one slot being filled. */
    private final class SlotParts {
        private final List<Part> parts = new ArrayList<>(1);

        void add(String groupKey, BroadcastAction action, String payload, int payloadBytes, String target) {
            Part part = parts.isEmpty() ? null : parts.get(parts.size() - 1);
            int entryBytes = ENTRY_OVERHEAD + groupKey.length() + (target == null ? 0 : target.length());
            Integer index = part == null ? null : part.indexOf.get(payload);
            int needed = entryBytes + (index == null ? payloadBytes : 0);
            if (part == null || part.bytes + needed > recordBudget) {
                part = new Part();
                parts.add(part);
                index = null;
                needed = entryBytes + payloadBytes;
            }
            if (index == null) {
                index = part.payloads.size();
                part.payloads.add(payload);
                part.indexOf.put(payload, index);
            }
            part.entries.add(new FrameEntry(groupKey, action, index, target));
            part.bytes += needed;
        }

        List<Part> parts() {
            return parts;
        }
    }

    /** One record's worth of payloads and entries. */
    private static final class Part {
        final List<String> payloads = new ArrayList<>(1);
        final Map<String, Integer> indexOf = new HashMap<>();
        final List<FrameEntry> entries = new ArrayList<>(1);
        int bytes = OVERHEAD;
    }
}
