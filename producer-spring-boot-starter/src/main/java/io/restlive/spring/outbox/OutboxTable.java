package io.restlive.spring.outbox;

import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads and deletes the relay's rows of {@code rest_live_outbox}, each statement on its own. */
public final class OutboxTable {

    private static final String NEXT = "SELECT id, model, pk, instance, version FROM " + OutboxWriter.TABLE
            + " ORDER BY id LIMIT ?";

    private final JdbcTemplate jdbc;

    public OutboxTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The oldest {@code limit} rows, in id order. */
    public List<OutboxRow> next(int limit) {
        return jdbc.query(NEXT, (rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("model"), rs.getString("pk"),
                rs.getString("instance"), (Long) rs.getObject("version", Long.class)), limit);
    }

    /**
     * Deletes exactly these rows. Never a range: a row with a lower id may commit after a higher one was
     * read (ids are drawn at insert, not at commit), and it must still be sent.
     */
    public void delete(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String marks = String.join(",", Collections.nCopies(rows.size(), "?"));
        jdbc.update("DELETE FROM " + OutboxWriter.TABLE + " WHERE id IN (" + marks + ")",
                rows.stream().map(OutboxRow::id).toArray());
    }

    /** How many rows wait to be sent. */
    public long pending() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + OutboxWriter.TABLE, Long.class);
        return count == null ? 0 : count;
    }
}
