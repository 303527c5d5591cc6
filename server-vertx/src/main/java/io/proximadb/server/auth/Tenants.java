package io.proximadb.server.auth;

import java.util.regex.Pattern;

/**
 * Tenant names and the namespace they give collections. The engine has one flat set of collection
 * names; a tenant's collection {@code docs} is stored under {@code <tenant>__docs}, and the
 * {@link #DEFAULT} tenant's under its own name, so a database created before tenants existed keeps
 * its collections in the default tenant. Tenant names hold no {@code _} and collection names given
 * to the server no {@code __}, so every stored name belongs to exactly one tenant.
 */
public final class Tenants {

    /** The tenant of callers when authentication is off, and of keys created without one. */
    public static final String DEFAULT = "default";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final String SEPARATOR = "__";
    /** The engine's limit on a collection name. */
    private static final int MAX_STORED_NAME = 64;

    private Tenants() {
    }

    /** @throws IllegalArgumentException unless {@code tenant} is 1 to 32 lower-case letters, digits or '-' */
    public static String check(String tenant) {
        if (tenant == null || !NAME.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant '" + tenant + "' is invalid: use 1 to 32 lower-case letters, "
                    + "digits or '-', starting with a letter or digit");
        }
        return tenant;
    }

    /**
     * The engine's name for {@code tenant}'s collection {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} holds {@code __} or is too long for the tenant's prefix
     */
    public static String storedName(String tenant, String name) {
        if (name == null) {
            return null; // the engine names the missing field
        }
        if (name.contains(SEPARATOR)) {
            throw new IllegalArgumentException("collection name '" + name + "' is invalid: '" + SEPARATOR
                    + "' is reserved for tenant namespaces");
        }
        if (DEFAULT.equals(tenant)) {
            return name;
        }
        String stored = tenant + SEPARATOR + name;
        if (stored.length() > MAX_STORED_NAME) {
            throw new IllegalArgumentException("collection name '" + name + "' is too long for tenant '" + tenant
                    + "': at most " + (MAX_STORED_NAME - tenant.length() - SEPARATOR.length()) + " characters");
        }
        return stored;
    }

    /** Whether the engine's collection {@code storedName} belongs to {@code tenant}. */
    public static boolean owns(String tenant, String storedName) {
        int separator = storedName.indexOf(SEPARATOR);
        return DEFAULT.equals(tenant) ? separator < 0
                : separator == tenant.length() && storedName.startsWith(tenant);
    }

    /** Whose collection {@code storedName} is, and under which name: for figures over every tenant. */
    public static Owned owner(String storedName) {
        int separator = storedName.indexOf(SEPARATOR);
        return separator < 0 ? new Owned(DEFAULT, storedName)
                : new Owned(storedName.substring(0, separator), storedName.substring(separator + SEPARATOR.length()));
    }

    /** A collection as its tenant knows it. */
    public record Owned(String tenant, String name) {
    }

    /** The name {@code tenant} knows its collection {@code storedName} by. */
    public static String publicName(String tenant, String storedName) {
        return DEFAULT.equals(tenant) ? storedName : storedName.substring(tenant.length() + SEPARATOR.length());
    }
}
