package io.proximadb.storage.metastore.sqlite;

import io.proximadb.spi.metastore.MetadataMutation;
import io.proximadb.spi.metastore.MetadataStore;
import io.proximadb.spi.record.Ids;
import io.proximadb.storage.metastore.CommitEvaluator;
import io.proximadb.storage.metastore.Unicode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * A metadata store in one SQLite file: table {@code entries(key, value)} and a one-row table
 * {@code revision}. Each commit is one {@code BEGIN IMMEDIATE} transaction that checks the
 * conditions, applies the net changes and bumps the revision; WAL journal and
 * {@code synchronous=FULL} make it durable when {@code COMMIT} returns.
 *
 * <p>One connection, used under one fair lock: JDBC connections are not meant for concurrent use,
 * and catalog traffic is far too small to need a pool. Every read is a single statement, which
 * SQLite runs in one implicit read transaction, so a scan sees exactly one commit. Keys compare
 * with SQLite's {@code BINARY} collation, which is UTF-8 byte order, which is code point order.
 */
final class SqliteMetadataStore implements MetadataStore {

    /** The schema this code writes; {@code PRAGMA user_version} of a newer file is refused. */
    static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final PreparedStatement select;
    private final PreparedStatement scanFrom;
    private final PreparedStatement upsert;
    private final PreparedStatement remove;
    private final PreparedStatement bump;
    private final PreparedStatement readRevision;
    private boolean closed;

    private SqliteMetadataStore(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        select = connection.prepareStatement("SELECT value FROM entries WHERE key = ?");
        scanFrom = connection.prepareStatement("SELECT key, value FROM entries WHERE key >= ? ORDER BY key");
        upsert = connection.prepareStatement("INSERT INTO entries (key, value) VALUES (?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        remove = connection.prepareStatement("DELETE FROM entries WHERE key = ?");
        bump = connection.prepareStatement("UPDATE revision SET value = value + 1 WHERE id = 0");
        readRevision = connection.prepareStatement("SELECT value FROM revision WHERE id = 0");
    }

    static SqliteMetadataStore open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        Connection connection = null;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            SqliteSchema.prepare(connection, file);
            return new SqliteMetadataStore(file, connection);
        } catch (SQLException | IOException e) {
            closeQuietly(connection, e);
            throw e instanceof IOException io ? io : failure(file, "cannot open", (SQLException) e);
        }
    }

    @Override
    public Optional<String> get(String key) throws IOException {
        Unicode.requireWellFormed("key", key);
        return locked("cannot read", () -> lookup(key));
    }

    @Override
    public SortedMap<String, String> scan(String prefix) throws IOException {
        Unicode.requireWellFormed("prefix", prefix);
        return locked("cannot scan", () -> {
            TreeMap<String, String> found = new TreeMap<>(Ids.ORDER);
            scanFrom.setString(1, prefix);
            try (ResultSet rows = scanFrom.executeQuery()) {
                // Keys with the prefix are one run from the prefix on; stop at the first that lacks it.
                while (rows.next() && rows.getString(1).startsWith(prefix)) {
                    found.put(rows.getString(1), rows.getString(2));
                }
            }
            return found;
        });
    }

    @Override
    public long commit(List<MetadataMutation> mutations) throws IOException {
        List<MetadataMutation> copy = List.copyOf(mutations);
        return locked("cannot commit", () -> {
            execute("BEGIN IMMEDIATE");
            try {
                for (MetadataMutation change : CommitEvaluator.netChanges(copy, this::lookup)) {
                    write(change);
                }
                bump.executeUpdate();
                long revision = currentRevision();
                execute("COMMIT");
                return revision;
            } catch (IOException | SQLException | RuntimeException e) {
                rollbackQuietly(e);
                throw e;
            }
        });
    }

    @Override
    public long revision() throws IOException {
        return locked("cannot read the revision", this::currentRevision);
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw failure(file, "cannot close", e);
        } finally {
            lock.unlock();
        }
    }

    /** Work on the connection: SQLite's own errors become {@link IOException}s naming the file. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException, IOException;
    }

    private <T> T locked(String what, SqlWork<T> work) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            return work.run();
        } catch (SQLException e) {
            throw failure(file, what, e);
        } finally {
            lock.unlock();
        }
    }

    private Optional<String> lookup(String key) throws IOException {
        try {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(file, "cannot read key '" + key + "'", e);
        }
    }

    private void write(MetadataMutation change) throws SQLException {
        switch (change) {
            case MetadataMutation.Put put -> {
                upsert.setString(1, put.key());
                upsert.setString(2, put.value());
                upsert.executeUpdate();
            }
            case MetadataMutation.Delete delete -> {
                remove.setString(1, delete.key());
                remove.executeUpdate();
            }
            default -> throw new IllegalArgumentException("not a change: " + change);
        }
    }

    private long currentRevision() throws SQLException {
        try (ResultSet rows = readRevision.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("the revision row is missing");
            }
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the metadata store " + file + " is closed");
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    static IOException failure(Path file, String what, SQLException e) {
        return new IOException("sqlite metadata store " + file + ": " + what + ": " + e.getMessage(), e);
    }
}
