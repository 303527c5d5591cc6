package io.proximadb.storage.metastore.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** Creates or checks the tables of a {@code catalog.db}, and checks that the WAL journal took effect. */
final class SqliteSchema {

    private SqliteSchema() {
    }

    static void prepare(Connection connection, Path file) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            String journal = single(statement, "PRAGMA journal_mode");
            if (!journal.toLowerCase(Locale.ROOT).equals("wal")) {
                // SQLite falls back silently where WAL cannot work (some network filesystems).
                throw new IOException("sqlite metadata store " + file + ": journal_mode is '" + journal
                        + "', not 'wal'; put the data directory on a local disk");
            }
            int version = Integer.parseInt(single(statement, "PRAGMA user_version"));
            if (version > SqliteMetadataStore.SCHEMA_VERSION) {
                throw new IOException("sqlite metadata store " + file + ": schema version " + version
                        + " was written by a newer ProximaDB; this build reads version " + SqliteMetadataStore.SCHEMA_VERSION);
            }
            statement.execute("BEGIN IMMEDIATE");
            try {
                statement.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID");
                statement.execute("CREATE TABLE IF NOT EXISTS revision (id INTEGER PRIMARY KEY CHECK (id = 0), value INTEGER NOT NULL)");
                statement.execute("INSERT OR IGNORE INTO revision (id, value) VALUES (0, 0)");
                statement.execute("PRAGMA user_version = " + SqliteMetadataStore.SCHEMA_VERSION);
                statement.execute("COMMIT");
            } catch (SQLException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException(sql + " returned no row");
            }
            return rows.getString(1);
        }
    }
}
