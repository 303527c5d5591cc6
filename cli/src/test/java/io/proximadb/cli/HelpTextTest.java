package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every line of every command's help is a format string to picocli: a bare {@code %} ("1 % of
 * requests") makes it print a warning in place of the text, and only on {@code --help}, which no
 * other test reads in full. This renders every command's help, in process, and reads what picocli
 * says on standard error meanwhile.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutAWarning() {
        List<String> commands = new ArrayList<>();
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream standardError = System.err;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            render(Main.newCommandLine(), commands);
        } finally {
            System.setErr(standardError);
        }
        assertThat(commands).as("commands rendered")
                .contains("proxima serve", "proxima keys", "proxima bench ann", "proxima bench hiccups");
        assertThat(warnings.toString(StandardCharsets.UTF_8))
                .as("picocli's warnings while rendering every --help (write %% for a percent sign)")
                .doesNotContain("picocli WARN");
    }

    private static void render(CommandLine command, List<String> commands) {
        commands.add(command.getCommandSpec().qualifiedName());
        assertThat(command.getUsageMessage()).contains("Usage: " + command.getCommandSpec().qualifiedName());
        for (CommandLine sub : command.getSubcommands().values()) {
            render(sub, commands);
        }
    }
}
