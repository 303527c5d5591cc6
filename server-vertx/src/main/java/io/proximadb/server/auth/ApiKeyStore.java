package io.proximadb.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API keys a server accepts: an in-memory copy of the {@link ApiKeyFile} for lookups on every
 * request (no I/O there), changed through the file so that {@code proxima keys} and the admin
 * endpoint never lose each other's keys, and {@link #refresh() refreshed} when another process
 * changed the file. Thread-safe.
 *
 * <p>A key reads {@code pxk_<id>_<secret>}: {@code id} is 12 random base-32 characters that name
 * the key in lists, logs and revocations; {@code secret} is 32 random bytes in base64url.
 */
public final class ApiKeyStore {

    static final String PREFIX = "pxk_";
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int ID_LENGTH = 12;
    private static final int SECRET_BYTES = 32;

    private final ApiKeyFile file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Loaded loaded;

    /**
     * @param unreadable the file changed and could not be read (its permissions, a syntax error
     *                   from a hand edit): no key is valid until it can be, not the keys from before
     */
    private record Loaded(ApiKeyFile.FileStamp stamp, Map<String, ApiKey> byId, boolean unreadable) {
    }

    public ApiKeyStore(ApiKeyFile file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.loaded = load();
    }

    public ApiKeyStore(ApiKeyFile file) {
        this(file, Clock.systemUTC());
    }

    public ApiKeyFile file() {
        return file;
    }

    /** Whether no key exists; false while the file cannot be read, which must close the door, not open it. */
    public boolean isEmpty() {
        return loaded.byId().isEmpty() && !loaded.unreadable();
    }

    /**
     * The principal {@code key} authenticates, if it is a key of this store. Compares hashes in
     * constant time, so the time taken does not tell how much of a guess was right.
     */
    public Optional<Principal> authenticate(String key) {
        String id = idOf(key);
        ApiKey stored = id == null ? null : loaded.byId().get(id);
        if (stored == null) {
            return Optional.empty();
        }
        byte[] expected = HexFormat.of().parseHex(stored.sha256());
        if (!MessageDigest.isEqual(expected, sha256(key))) {
            return Optional.empty();
        }
        return Optional.of(Principal.ofKey(stored.id(), stored.tenant(), stored.role()));
    }

    /** Creates a key of {@code tenant} with {@code role}; the returned secret is shown once and never kept. */
    public NewApiKey create(String tenant, Role role, String description) {
        Tenants.check(tenant);
        String id = randomId();
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String key = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey stored = new ApiKey(id, tenant, role, HexFormat.of().formatHex(sha256(key)), clock.instant(),
                description);
        update(keys -> {
            List<ApiKey> changed = new ArrayList<>(keys);
            changed.add(stored);
            return changed;
        });
        return new NewApiKey(key, stored);
    }

    /** The keys of {@code tenant}, or of every tenant when it is {@code null}, oldest first. */
    public List<ApiKey> list(String tenant) {
        return loaded.byId().values().stream()
                .filter(key -> tenant == null || key.tenant().equals(tenant))
                .sorted(java.util.Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
                .toList();
    }

    /** The key with this id, if there is one. */
    public Optional<ApiKey> find(String id) {
        return Optional.ofNullable(loaded.byId().get(id));
    }

    /** Revokes the key with this id; returns whether there was one. Effective for the next request. */
    public boolean revoke(String id) {
        boolean[] found = {false};
        update(keys -> {
            found[0] = keys.stream().anyMatch(key -> key.id().equals(id));
            return keys.stream().filter(key -> !key.id().equals(id)).toList();
        });
        return found[0];
    }

    /**
     * Reloads the file if another process changed it since this store last read or wrote it.
     * Synchronized with {@link #update}: a reload that read the file before a revocation must not
     * put the revoked key back after it.
     *
     * @throws RuntimeException when the changed file cannot be read; until it can, no key is valid
     *                          (a key removed by a hand edit that broke the file stays removed)
     */
    public synchronized void refresh() {
        ApiKeyFile.FileStamp stamp = file.stamp();
        if (!stamp.equals(loaded.stamp())) {
            try {
                loaded = load();
            } catch (RuntimeException e) {
                loaded = new Loaded(stamp, Map.of(), true);
                throw e;
            }
        }
    }

    private synchronized void update(java.util.function.UnaryOperator<List<ApiKey>> change) {
        List<ApiKey> keys = file.update(change);
        loaded = new Loaded(file.stamp(), index(keys), false);
    }

    private Loaded load() {
        // The stamp is taken first: a change that lands between the two reads is seen again next time.
        ApiKeyFile.FileStamp stamp = file.stamp();
        return new Loaded(stamp, index(file.read()), false);
    }

    private static Map<String, ApiKey> index(List<ApiKey> keys) {
        return keys.stream().collect(Collectors.toUnmodifiableMap(ApiKey::id, Function.identity()));
    }

    private String randomId() {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    /** The id part of a well-formed key, or {@code null}. */
    private static String idOf(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() != PREFIX.length() + ID_LENGTH + 1 + 43
                || key.charAt(PREFIX.length() + ID_LENGTH) != '_') {
            return null;
        }
        return key.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
