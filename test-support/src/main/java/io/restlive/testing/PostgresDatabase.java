package io.restlive.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own on the machine's PostgreSQL ({@code REST_LIVE_TEST_POSTGRES_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/}, user {@code postgres}, trust auth), dropped at the end.
 * The PostgreSQL JDBC driver must be on the test classpath.
 */
public final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final String SERVER = System.getenv().getOrDefault("REST_LIVE_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = System.getenv().getOrDefault("REST_LIVE_TEST_POSTGRES_USER", "postgres");

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Creates {@code rest_live_<base>_<random>}. */
    public static PostgresDatabase create(String base) {
        PostgresDatabase database = perTestClass(base);
        database.execute("CREATE DATABASE " + database.name);
        return database;
    }

    /**
     * Names {@code rest_live_<base>_<random>} without creating it: registered as an extension (before any
     * extension that needs it, with {@code @Order}), it is created before each run of the test class and
     * dropped after it, so a rerun of a failed class (failsafe's {@code rerunFailingTestsCount}) finds it again.
     */
    public static PostgresDatabase perTestClass(String base) {
        return new PostgresDatabase("rest_live_" + base + "_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        execute("CREATE DATABASE " + name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        drop();
    }

    /** The JDBC URL of the database. */
    public String url() {
        return SERVER + name;
    }

    /** Drops the database, closing whatever connections are still open to it. */
    public void drop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /**
     * A new connection to the database, for a test to look at what the app wrote.
     *
     * @throws SQLException if the server refuses it
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on " + SERVER + " as " + USER, e);
        }
    }
}
