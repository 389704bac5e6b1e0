package io.restlive.edge.protocol;

import io.restlive.schemas.TaskPosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Protocol v2's position: what a subscription has received, as an opaque string for the client to hand back
 * in {@code resume}. The one home of its format: {@code v2:} and, per processor task, {@code
 * <partition>.<epoch>.<seq>}, comma-separated. A task left out is one the edge knew no position of; a resume
 * from it is incomplete for that task.
 */
public final class PositionText {

    private static final String PREFIX = "v2:";
    /** A position names at most this many tasks: bounds what a client can make the edge parse. */
    private static final int MAX_TASKS = 1024;

    private PositionText() {
    }

    public static String format(List<TaskPosition> positions) {
        StringBuilder text = new StringBuilder(PREFIX);
        positions.stream().sorted(Comparator.comparingInt(TaskPosition::getPartition)).forEach(p -> {
            if (text.length() > PREFIX.length()) {
                text.append(',');
            }
            text.append(p.getPartition()).append('.').append(p.getEpoch()).append('.').append(p.getSeq());
        });
        return text.toString();
    }

    /**
     * The positions a client sent back; empty if the text is not a position of this server with {@code tasks}
     * tasks.
     */
    public static Optional<List<TaskPosition>> parse(String text, int tasks) {
        if (text == null || !text.startsWith(PREFIX) || text.length() > PREFIX.length() + MAX_TASKS * 40) {
            return Optional.empty();
        }
        String body = text.substring(PREFIX.length());
        List<TaskPosition> positions = new ArrayList<>();
        if (body.isEmpty()) {
            return Optional.of(positions);
        }
        for (String part : body.split(",", -1)) {
            String[] fields = part.split("\\.", -1);
            if (fields.length != 3) {
                return Optional.empty();
            }
            try {
                int partition = Integer.parseInt(fields[0]);
                int epoch = Integer.parseInt(fields[1]);
                long seq = Long.parseLong(fields[2]);
                if (partition < 0 || partition >= tasks || seq < 0
                        || positions.stream().anyMatch(p -> p.getPartition() == partition)) {
                    return Optional.empty();
                }
                positions.add(new TaskPosition(partition, epoch, seq));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(positions);
    }
}
