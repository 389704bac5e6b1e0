package io.restlive.e2e.distribution;

import java.util.ArrayList;
import java.util.List;

/**
 * The same five changes for every task of a test: created in list {@code list}, renamed, moved to another
 * list, moved back and renamed, deleted. What a subscriber of the list and one of the task must see follows
 * from it, whatever producer published the changes.
 *
 * @param list the list tasks are created in
 * @param elsewhere the list they move to and back from
 */
record TaskScript(int list, int elsewhere) {

    /** Rounds of the script. */
    static final int ROUNDS = 5;

    /** The instance a task has after round {@code round} (1-based); null once deleted. */
    String instance(long id, int round) {
        return switch (round) {
            case 1 -> task(id, "t1", list);
            case 2 -> task(id, "t2", list);
            case 3 -> task(id, "t2", elsewhere);
            case 4 -> task(id, "t4", list);
            default -> null;
        };
    }

    /** The frames ({@code action text}) a subscriber of the list gets for one task, in order. */
    List<String> listFrames() {
        return List.of("CREATED t1", "UPDATED t2", "DELETED", "CREATED t4", "DELETED");
    }

    /** The frames a subscriber of the task itself (no list filter) gets once it subscribed after round 1. */
    List<String> retrieveFramesAfterRound1() {
        return new ArrayList<>(List.of("UPDATED t2", "UPDATED t2", "UPDATED t4", "DELETED"));
    }

    private static String task(long id, String text, int list) {
        return "{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":false,\"list\":" + list + "}";
    }
}
