package io.proximadb.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an API key may do, each role including the ones before it: a {@link #READER} lists,
 * describes, gets and searches; a {@link #WRITER} also creates and drops collections and writes
 * and deletes records; an {@link #ADMIN} also manages its tenant's API keys.
 */
public enum Role {
    READER,
    WRITER,
    ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role's name in requests, files and flags: {@code reader}, {@code writer}, {@code admin}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the known roles when {@code name} is none of them */
    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.configName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'; known roles: "
                + Arrays.stream(values()).map(Role::configName).collect(Collectors.joining(", ")));
    }
}
