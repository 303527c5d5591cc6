package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the README's Java quick start, so that the README cannot rot. */
class ReadmeQuickStartTest {

    @TempDir
    Path work;

    @Test
    void theQuickStartCompilesRunsAndPrintsWhatTheReadmeSays() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README has a ```java block").isTrue();
        Path source = work.resolve("QuickStart.java");
        Files.writeString(source, block.group(1));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", work.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertThat(status).as("javac: %s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        PrintStream original = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
            loader.loadClass("QuickStart").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {work.resolve("data").toString()});
        } finally {
            System.setOut(original);
        }
        Matcher promised = Pattern.compile("This prints `([^`]*)`").matcher(readme);
        assertThat(promised.find()).as("README says what the quick start prints").isTrue();
        assertThat(output.toString(StandardCharsets.UTF_8).lines().toList()).isEqualTo(List.of(promised.group(1)));
    }
}
