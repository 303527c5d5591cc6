package io.proximadb.cli;

import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.plugin.PluginInfo;
import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists every SPI and the plugins found for it, with why an unavailable one cannot load. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Lists every SPI with the name, version and origin of each plugin found on the class path and "
                + "in the plugin directories; for a plugin that cannot load, why."})
final class PluginsCommand implements Runnable {

    @Mixin
    PluginOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ProximaConfig config = options.config();
        List<Path> directories = PluginOptions.pluginDirectories(config);
        PluginRegistry registry = PluginRegistry.withPluginDirectories(directories);
        PrintWriter out = spec.commandLine().getOut();
        out.println("plugin directories: " + directories);
        for (PluginKind<?> kind : PluginKind.ALL) {
            out.println();
            out.println(kind.name() + " (" + kind.serviceType().getName() + ")");
            List<PluginInfo> infos = registry.infos().stream().filter(info -> info.spi().equals(kind.name())).toList();
            if (infos.isEmpty()) {
                out.println("  (none found)");
            }
            for (PluginInfo info : infos) {
                String status = info.available() ? "available" : "UNAVAILABLE: " + info.unavailableReason();
                out.printf("  %-10s %-16s %-34s %s%n", info.name(), info.version(), info.source(), status);
                if (!info.description().isEmpty()) {
                    out.printf("  %-10s %s%n", "", info.description());
                }
            }
        }
        out.flush();
    }
}
