package io.restlive.spring.outbox;

import io.restlive.schemas.EntityKeys;
import io.restlive.spring.internal.LiveChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.List;

/**
 * Inserts changes into {@code rest_live_outbox} on the connection of the entity's own transaction, so that
 * the rows commit or roll back with the entities.
 */
public final class OutboxWriter {

    static final String TABLE = "rest_live_outbox";
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (entity_key, model, pk, op, instance, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Clock clock;

    public OutboxWriter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Inserts one row per change, in order.
     *
     * @param connection the JDBC connection of the transaction that made the changes
     * @throws SQLException if the insert fails; the transaction then fails too, as it must
     */
    public void write(Connection connection, List<LiveChange> changes) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (LiveChange change : changes) {
                insert.setString(1, EntityKeys.of(change.model(), change.pk()));
                insert.setString(2, change.model());
                insert.setString(3, EntityKeys.pkJson(change.pk()));
                insert.setString(4, change.isDelete() ? "DELETE" : "UPSERT");
                insert.setString(5, change.isDelete() ? null : change.instance().toString());
                if (change.version() == null) {
                    insert.setNull(6, Types.BIGINT);
                } else {
                    insert.setLong(6, change.version());
                }
                insert.setTimestamp(7, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
