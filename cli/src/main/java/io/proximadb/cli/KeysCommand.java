package io.proximadb.cli;

import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.server.auth.ApiKey;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.NewApiKey;
import io.proximadb.server.auth.Role;
import io.proximadb.server.auth.Tenants;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Manages the API keys of the data directory's server, running or not: the server notices changes
 * to the key file within a second.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Manages API keys in <data-dir>/api-keys.json (only their SHA-256 is stored). A running "
                + "server picks changes up within a second. The first key turns authentication on."},
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {

    static final String FILE_NAME = "api-keys.json";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where a server over this database keeps its keys. */
    static Path keyFile(ProximaConfig config) {
        return config.dataDirectory().resolve(FILE_NAME);
    }

    private static ApiKeyStore store(PluginOptions options) {
        return new ApiKeyStore(new ApiKeyFile(keyFile(options.config())));
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a key and prints it once; it cannot be shown again.")
    static final class Create implements Callable<Integer> {
        @Mixin
        PluginOptions options;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--tenant", defaultValue = Tenants.DEFAULT,
                description = "The tenant whose collections the key sees (default: ${DEFAULT-VALUE}).")
        String tenant;

        @Option(names = "--role", required = true, description = "reader, writer or admin.")
        String role;

        @Option(names = "--description", defaultValue = "", description = "What the key is for.")
        String description;

        @Override
        public Integer call() {
            NewApiKey created = store(options).create(Tenants.check(tenant), Role.parse(role), description);
            ApiKey key = created.stored();
            spec.commandLine().getOut().println(created.key());
            spec.commandLine().getErr().println("created key " + key.id() + " (tenant " + key.tenant() + ", role "
                    + key.role().configName() + "); it is shown once: keep it now");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the keys, without their secrets.")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        PluginOptions options;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--tenant", description = "Only this tenant's keys.")
        String tenant;

        @Override
        public Integer call() {
            List<ApiKey> keys = store(options).list(tenant);
            spec.commandLine().getOut().printf("%-12s  %-16s  %-6s  %-24s  %s%n", "ID", "TENANT", "ROLE", "CREATED", "DESCRIPTION");
            for (ApiKey key : keys) {
                spec.commandLine().getOut().printf("%-12s  %-16s  %-6s  %-24s  %s%n", key.id(), key.tenant(), key.role().configName(),
                        key.createdAt(), key.description());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a key; a running server refuses it within a second.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        PluginOptions options;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The key's id, as `keys list` shows it.")
        String id;

        @Override
        public Integer call() {
            if (!store(options).revoke(id)) {
                spec.commandLine().getErr().println("no key with id '" + id + "'");
                return 1;
            }
            spec.commandLine().getErr().println("revoked key " + id);
            return 0;
        }
    }
}
